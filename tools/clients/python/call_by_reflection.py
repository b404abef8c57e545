"""Calls AERO services from Python with no proto file of theirs: every type comes from server reflection.

Usage: call_by_reflection.py OUT_DIR CALLS_JSON
CALLS_JSON is a list of {"address": "host:port", "method": "aero.v1.XService/Method", "request": {...}}, the
request in proto JSON. For each call, prints (in one JSON list) the services the server lists, and either the
response or the status code with the error details of grpc-status-details-bin, all decoded with descriptors
the server sent. Only the reflection API's own proto is compiled here (from @grpc/reflection, at run time):
Debian 12 ships no grpcio-reflection. Unary methods only: each service has one.
"""
import importlib
import json
import os
import subprocess
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

# Compiled as the top-level module reflection_pb2: as grpc/reflection/v1/reflection_pb2 it would sit
# inside the installed `grpc` package's namespace.
REFLECTION_PROTO_DIR = "node_modules/@grpc/reflection/build/proto/grpc/reflection/v1"


def generate_reflection_stubs(repo: str, out_dir: str) -> None:
    subprocess.run(
        ["protoc", f"-I{os.path.join(repo, REFLECTION_PROTO_DIR)}", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}",
         "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin", "reflection.proto"],
        check=True,
    )


class Reflection:
    """One server's reflection API, filling a descriptor pool of its own with the files the server sends."""

    def __init__(self, channel: grpc.Channel):
        self.reflection_pb2 = importlib.import_module("reflection_pb2")
        self.stub = importlib.import_module("reflection_pb2_grpc").ServerReflectionStub(channel)
        self.pool = descriptor_pool.DescriptorPool()
        # Debian 12's protobuf 4.21 predates message_factory.GetMessageClass: a factory makes the classes.
        self.factory = message_factory.MessageFactory(self.pool)
        self.added: set[str] = set()

    def ask(self, **request):
        request = self.reflection_pb2.ServerReflectionRequest(**request)
        response = next(self.stub.ServerReflectionInfo(iter([request]), timeout=10))
        if response.HasField("error_response"):
            raise LookupError(f"{request}: {response.error_response.error_message}")
        return response

    def services(self) -> list[str]:
        return sorted(service.name for service in self.ask(list_services="*").list_services_response.service)

    def message_class(self, full_name: str):
        """The class of a message type, after loading the file that declares it and the files that file imports."""
        self.load(file_containing_symbol=full_name)
        return self.factory.GetPrototype(self.pool.FindMessageTypeByName(full_name))

    def load(self, **request) -> None:
        # The answer holds the file and every file it imports, in no set order; a pool takes a file only after its imports.
        answer = self.ask(**request).file_descriptor_response.file_descriptor_proto
        files = {proto.name: proto for proto in map(descriptor_pb2.FileDescriptorProto.FromString, answer)}

        def add(name: str) -> None:
            if name in self.added:
                return
            for dependency in files[name].dependency:
                add(dependency)
            self.pool.Add(files[name])
            self.added.add(name)

        for name in files:
            add(name)


def error_of(error: grpc.RpcError, reflection: Reflection) -> dict:
    """The google.rpc.Status of grpc-status-details-bin, its Any details decoded with reflected types too."""
    status = reflection.message_class("google.rpc.Status").FromString(dict(error.trailing_metadata())["grpc-status-details-bin"])
    details = []
    for detail in status.details:
        type_name = detail.type_url.split("/")[-1]
        decoded = reflection.message_class(type_name).FromString(detail.value)
        details.append({"@type": type_name, **json_format.MessageToDict(decoded, preserving_proto_field_name=True)})
    return {"code": error.code().name, "details": details}


def call(spec: dict) -> dict:
    service, method = spec["method"].split("/")
    with grpc.insecure_channel(spec["address"]) as channel:
        reflection = Reflection(channel)
        listed = reflection.services()
        reflection.load(file_containing_symbol=service)
        rpc = reflection.pool.FindServiceByName(service).methods_by_name[method]
        request_class = reflection.message_class(rpc.input_type.full_name)
        response_class = reflection.message_class(rpc.output_type.full_name)
        stub = channel.unary_unary(
            f"/{service}/{method}", request_serializer=request_class.SerializeToString, response_deserializer=response_class.FromString
        )
        try:
            response = stub(json_format.ParseDict(spec["request"], request_class()), timeout=10)
            outcome = {"code": "OK", "response": json_format.MessageToDict(response, preserving_proto_field_name=True)}
        except grpc.RpcError as error:
            outcome = error_of(error, reflection)
    return {"listed": listed, **outcome}


def main() -> None:
    out_dir, calls = sys.argv[1], json.loads(sys.argv[2])
    generate_reflection_stubs(os.path.abspath(os.path.join(os.path.dirname(__file__), "../../..")), out_dir)
    sys.path.insert(0, out_dir)
    print(json.dumps([call(spec) for spec in calls]))


if __name__ == "__main__":
    main()
