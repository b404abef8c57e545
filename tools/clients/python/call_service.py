"""Calls an AERO service from Python, with stubs generated from proto/ at run time.

Usage: call_service.py ADDRESS OUT_DIR
Prints one JSON line: the health status and the answer ExtractAnswer found in a sample solution.
Uses only Debian's python3-grpcio, protoc and grpc_python_plugin: nothing here is specific to TypeScript.
"""
import importlib
import json
import os
import sys

import grpc
import subprocess


def generate(proto_root: str, health_root: str, out_dir: str) -> None:
    aero = sorted(f"aero/v1/{name}" for name in os.listdir(os.path.join(proto_root, "aero/v1")) if name.endswith(".proto"))
    for root, files in ((proto_root, aero), (health_root, ["health/v1/health.proto"])):
        subprocess.run(
            ["protoc", f"-I{root}", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}",
             "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin", *files],
            check=True,
        )


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
    print(json.dumps({
        "health": health_pb2.HealthCheckResponse.ServingStatus.Name(health.status),
        "found": reply.found,
        "answer": reply.answer,
        "empty_text": empty,
    }))


if __name__ == "__main__":
    main()
