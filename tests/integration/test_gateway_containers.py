"""The local gateway's containers behave as Lambda's execution environments: concurrent
requests to one function run in different processes, each keeping its module state between
its own invocations; a crash, a handler error and a timeout each cost what they cost in
Lambda (the request, or the container), never the pool."""

import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from devstack import containers
from devstack.containers import ContainerFailed, Containers

HANDLER = textwrap.dedent("""
    import os
    import time

    calls = 0  # module state: a warm container keeps it between invocations

    def lambda_handler(event, context):
        global calls
        calls += 1
        if event.get("raise"):
            raise ValueError("refused")
        if event.get("exit"):
            os._exit(3)
        began = time.time()
        time.sleep(event.get("sleep", 0))
        while event.get("until") and not os.path.exists(event["until"]):
            time.sleep(0.02)  # held until the test lets go
        return {"pid": os.getpid(), "calls": calls, "role": os.environ.get("AWS_ACCESS_KEY_ID"),
                "function": context.function_name, "began": began, "ended": time.time()}
""")


@pytest.fixture
def pool(tmp_path):
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "handler.py").write_text(HANDLER)
    made = Containers(lambda function: {"AWS_ACCESS_KEY_ID": f"key-of-{function}"}, tmp_path,
                      per_function=2)  # fmt: skip
    yield made
    made.stop()


def test_concurrent_requests_run_in_separate_warm_containers(pool, tmp_path):
    release = tmp_path / "release"
    with ThreadPoolExecutor(2) as threads:
        held = [threads.submit(pool.invoke, "probe", {"until": str(release)}) for _ in range(2)]
        while len(pool.cold_starts.get("probe", [])) < 2:  # both containers up, both held
            time.sleep(0.02)
        time.sleep(0.2)
        released = time.time()
        release.touch()
        answers = [future.result() for future in held]
    # two processes, each running when the other was: both began before the release
    assert len({answer["pid"] for answer in answers}) == 2
    assert all(answer["began"] < released for answer in answers)
    assert {answer["role"] for answer in answers} == {"key-of-probe"}
    assert {answer["function"] for answer in answers} == {"gallery-probe"}
    # warm afterwards: no new init, and each container's module state goes on
    again = [pool.invoke("probe", {}) for _ in range(3)]
    assert {answer["pid"] for answer in again} <= {answer["pid"] for answer in answers}
    assert [answer["calls"] for answer in again] == [2, 3, 4]  # the warmest one, each time
    assert len(pool.cold_starts["probe"]) == 2


def test_a_handler_error_fails_the_request_and_keeps_the_container(pool):
    first = pool.invoke("probe", {})
    with pytest.raises(ContainerFailed, match="ValueError: refused"):
        pool.invoke("probe", {"raise": True})
    again = pool.invoke("probe", {})
    assert (again["pid"], again["calls"]) == (first["pid"], 3)


def test_a_container_that_dies_is_replaced(pool):
    first = pool.invoke("probe", {})
    with pytest.raises(ContainerFailed, match="process ended"):
        pool.invoke("probe", {"exit": True})
    again = pool.invoke("probe", {})
    assert again["pid"] != first["pid"] and again["calls"] == 1
    # the dead one no longer counts: two can still run at once
    with ThreadPoolExecutor(2) as threads:
        both = list(threads.map(lambda _: pool.invoke("probe", {"sleep": 0.5}), range(2)))
    assert len({answer["pid"] for answer in both}) == 2


def test_a_container_that_does_not_answer_in_time_is_stopped(pool, monkeypatch):
    pool.invoke("probe", {})  # the init, with the full time
    monkeypatch.setattr(containers, "INTEGRATION_TIMEOUT_SECONDS", 0.5)
    with pytest.raises(ContainerFailed, match="no answer"):
        pool.invoke("probe", {"sleep": 5})
    assert pool.invoke("probe", {})["calls"] == 1  # a new container


def test_a_busy_function_queues_past_its_containers_and_others_go_on(pool, tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "handler.py").write_text(HANDLER)
    release = tmp_path / "release"
    with ThreadPoolExecutor(3) as threads:
        held = [threads.submit(pool.invoke, "probe", {"until": str(release)}) for _ in range(3)]
        # every probe container is held (and a third request waits for one): another
        # function still answers
        assert pool.invoke("other", {})["calls"] == 1
        assert not any(future.done() for future in held)
        release.touch()
        answers = [future.result() for future in held]
    assert len({answer["pid"] for answer in answers}) == 2
    assert len(pool.cold_starts["probe"]) == 2
