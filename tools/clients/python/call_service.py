"""Calls an AERO service from Python, with stubs generated from proto/ at run time.

Usage: call_service.py ADDRESS OUT_DIR
Prints one JSON line: the health status, the answer ExtractAnswer found in a sample solution, and the
google.rpc.BadRequest that an invalid CheckEquivalence request gets back.
Uses only Debian's python3-grpcio, protoc and grpc_python_plugin: nothing here is specific to TypeScript.
"""
import importlib
import json
import os
import sys

import grpc
import subprocess
from google.protobuf import any_pb2, descriptor_pb2


def generate(proto_root: str, health_root: str, out_dir: str) -> None:
    contracts = sorted(
        f"{folder}/{name}" for folder in ("aero/v1", "google/rpc")
        for name in os.listdir(os.path.join(proto_root, folder)) if name.endswith(".proto")
    )
    # Debian's protoc comes without the well-known .proto files that google/rpc/status.proto imports;
    # the protobuf runtime holds their descriptors, so protoc reads them from there.
    well_known = os.path.join(out_dir, "well_known.binpb")
    with open(well_known, "wb") as f:
        f.write(descriptor_pb2.FileDescriptorSet(
            file=[descriptor_pb2.FileDescriptorProto.FromString(any_pb2.DESCRIPTOR.serialized_pb)]
        ).SerializeToString())
    for root, files in ((proto_root, contracts), (health_root, ["health/v1/health.proto"])):
        subprocess.run(
            ["protoc", f"-I{root}", f"--descriptor_set_in={well_known}", f"--python_out={out_dir}",
             f"--grpc_python_out={out_dir}", "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin", *files],
            check=True,
        )


def bad_request_of(error: grpc.RpcError, status_pb2, error_details_pb2) -> dict:
    """Reads the error's grpc-status-details-bin trailer as grpc_status.rpc_status.from_call does
    (grpc_status is on PyPI only, not in Debian) and unpacks the google.rpc.BadRequest it holds."""
    details = dict(error.trailing_metadata())["grpc-status-details-bin"]
    status = status_pb2.Status.FromString(details)
    bad_request = error_details_pb2.BadRequest()
    unpacked = [detail.Unpack(bad_request) for detail in status.details]
    return {
        "code": error.code().name,
        "status_matches": status.code == error.code().value[0] and status.message == error.details(),
        "unpacked": unpacked,
        "field_violations": [{"field": v.field, "description": v.description} for v in bad_request.field_violations],
    }


def main() -> None:
    address, out_dir = sys.argv[1], sys.argv[2]
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
    health_root = os.path.join(repo, "node_modules/grpc-health-check/proto")
    generate(os.path.join(repo, "proto"), health_root, out_dir)
    sys.path.insert(0, out_dir)
    health_pb2 = importlib.import_module("health.v1.health_pb2")
    health_grpc = importlib.import_module("health.v1.health_pb2_grpc")
    analyzer_pb2 = importlib.import_module("aero.v1.analyzer_pb2")
    analyzer_grpc = importlib.import_module("aero.v1.analyzer_pb2_grpc")
    status_pb2 = importlib.import_module("google.rpc.status_pb2")
    error_details_pb2 = importlib.import_module("google.rpc.error_details_pb2")

    with grpc.insecure_channel(address) as channel:
        health = health_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service="aero.v1.AnalyzerService"), timeout=10
        )
        reply = analyzer_grpc.AnalyzerServiceStub(channel).ExtractAnswer(
            analyzer_pb2.ExtractAnswerRequest(text="2 + 3 = 5, so \\boxed{\\frac{5}{2}}"), timeout=10
        )
        try:
            analyzer_grpc.AnalyzerServiceStub(channel).ExtractAnswer(analyzer_pb2.ExtractAnswerRequest(), timeout=10)
            empty = "OK"
        except grpc.RpcError as error:
            empty = error.code().name
        try:
            analyzer_grpc.AnalyzerServiceStub(channel).CheckEquivalence(
                analyzer_pb2.CheckEquivalenceRequest(a="", b="1"), timeout=10
            )
            invalid = "OK"
        except grpc.RpcError as error:
            invalid = bad_request_of(error, status_pb2, error_details_pb2)
    print(json.dumps({
        "health": health_pb2.HealthCheckResponse.ServingStatus.Name(health.status),
        "found": reply.found,
        "answer": reply.answer,
        "empty_text": empty,
        "invalid_equivalence": invalid,
    }))


if __name__ == "__main__":
    main()
