"""Lambda's runtime interface, in small: run by tools/devstack/lambda_runtime.py with
``python3.12 -I -S`` (isolated, no site), so nothing but the interpreter's own stdlib is on the
path until this script puts the deployment's folders in front of it, in Lambda's order.

argv: task_root layers_root runtime_packages handler timeout_seconds memory_mb answer_file
The event is read from stdin. The answer file receives one JSON object: the handler's result
(``{"result": ...}``) or Lambda's error shape (``{"errorType", "errorMessage",
"stackTrace"}``); the interpreter's version; every imported module that came from outside
the deployment and the stdlib (``"outside"``, which should be empty); and the files boto3
and botocore were imported from (``"sdk"``).
Stdout and stderr stay the function's logs."""

import sys

TASK_ROOT, LAYERS_ROOT, RUNTIME_PACKAGES, HANDLER, TIMEOUT, MEMORY, ANSWER = sys.argv[1:8]
SDK = ("boto3", "botocore")
STDLIB = [path for path in sys.path if path.startswith(sys.base_prefix)]
VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"
# Lambda's order: the function, the layers (both layouts), the runtime's own packages, stdlib.
sys.path[:] = [
    TASK_ROOT,
    f"{LAYERS_ROOT}/lib/python{VERSION}/site-packages",
    LAYERS_ROOT,
    RUNTIME_PACKAGES,
    *STDLIB,
]

import importlib  # noqa: E402 - only after the path is Lambda's
import json  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import uuid  # noqa: E402


class LambdaContext:
    """The attributes of Lambda's context object that code reads."""

    def __init__(self, function_name: str, timeout_seconds: float, memory_mb: str):
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = memory_mb
        self.aws_request_id = str(uuid.uuid4())
        region = os.environ.get("AWS_REGION", "ap-northeast-2")
        self.invoked_function_arn = f"arn:aws:lambda:{region}:000000000000:function:{function_name}"
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"
        self.identity = None
        self.client_context = None
        self._deadline = time.monotonic() + timeout_seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def _outside_modules() -> list[str]:
    """Modules loaded from anywhere but the deployment and the interpreter's own stdlib."""
    roots = (TASK_ROOT, LAYERS_ROOT, RUNTIME_PACKAGES, sys.base_prefix)
    allowed = tuple(os.path.join(os.path.realpath(root), "") for root in roots)
    outside = []
    itself = os.path.realpath(__file__)  # also as __mp_main__ once multiprocessing loads
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        real = os.path.realpath(path) if path else itself
        if real != itself and not real.startswith(allowed):
            outside.append(f"{name}: {path}")
    return sorted(outside)


def _error(exc: BaseException) -> dict:
    return {
        "errorType": type(exc).__name__,
        "errorMessage": str(exc),
        "stackTrace": traceback.format_exception(exc),
    }


def main() -> None:
    module_name, function_name = HANDLER.rsplit(".", 1)
    answer: dict = {"python": sys.version.split()[0]}
    try:
        handler = getattr(importlib.import_module(module_name), function_name)
        context = LambdaContext(module_name.split(".")[0], float(TIMEOUT), MEMORY)
        event = json.loads(sys.stdin.read())
        # Lambda serializes the result as JSON: a result that cannot be is an error there too.
        answer["result"] = json.loads(json.dumps(handler(event, context)))
    except Exception as exc:
        answer.update(_error(exc))
    answer["outside"] = _outside_modules()
    # where the SDK came from: the layers' copy, when they ship one, wins over the runtime's
    answer["sdk"] = {name: getattr(sys.modules.get(name), "__file__", None) for name in SDK}
    with open(ANSWER, "w", encoding="utf-8") as out:
        json.dump(answer, out)


main()
