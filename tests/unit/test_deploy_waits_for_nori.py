"""The deploy trigger creates the search index; on AWS the nori plugin may still be on its way
to the domain (the association is asynchronous): it retries on exactly that answer, within
a bound, and fails at once on anything else."""

import pytest
from opensearchpy.exceptions import RequestError

from gallery.services.deploy import ensure_index_once_nori_is_there


def nori_missing() -> RequestError:
    # OpenSearch's answer to an index whose analysis names a tokenizer it does not know
    cause = {"type": "illegal_argument_exception",
             "reason": "Unknown tokenizer type [nori_tokenizer] for [korean]"}  # fmt: skip
    body = {"error": {"root_cause": [cause], **cause}, "status": 400}
    return RequestError(400, "illegal_argument_exception", body)


class Backend:
    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = 0

    def ensure_index(self):
        self.calls += 1
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_index_creation_is_retried_until_nori_is_there():
    clock = Clock()
    backend = Backend(nori_missing(), nori_missing(), ["image_key"])
    added = ensure_index_once_nori_is_there(backend, sleep=clock.sleep, clock=clock)
    assert added == ["image_key"] and backend.calls == 3
    assert clock.now == 30  # two pauses of 15 s


def test_it_gives_up_after_its_bound_with_opensearchs_answer():
    clock = Clock()
    backend = Backend(*[nori_missing()] * 100)
    with pytest.raises(RequestError, match="nori_tokenizer"):
        ensure_index_once_nori_is_there(backend, wait_seconds=60, sleep=clock.sleep, clock=clock)
    assert clock.now <= 60 and backend.calls == 5


def test_any_other_refusal_fails_at_once():
    clock = Clock()
    other = RequestError(400, "mapper_parsing_exception", "unknown field type [keyword2]")
    backend = Backend(other, ["never"])
    with pytest.raises(RequestError, match="mapper_parsing"):
        ensure_index_once_nori_is_there(backend, sleep=clock.sleep, clock=clock)
    assert backend.calls == 1
