"""The identity benchmark runs end to end on a small size (Splink only where it is installed)."""

import importlib.util

import pytest

from bench.identity.evaluate import ceiling, quality, read_truth
from bench.identity.generate import generate
from bench.identity.run import benchmark, table


def test_the_benchmark_runs_and_the_matcher_clears_the_bar(tmp_path):
    has_splink = importlib.util.find_spec("splink") is not None
    result = benchmark(2_000, 200, tmp_path, splink=has_splink)
    ours = result["runs"][0]
    assert ours["name"] == "reintegra"
    assert ours["precision"] >= 0.95
    assert ours["f1"] >= result["ceiling"]["f1"] - 0.1
    assert "| reintegra |" in table(result)
    if has_splink:
        assert result["runs"][1]["name"] == "splink"


def test_generated_lists_hold_links_relatives_and_strangers(tmp_path):
    generate(2_000, 200, tmp_path, seed=1)
    truth = read_truth(tmp_path / "truth.csv")
    kinds = {row["kind"] for row in truth.values()}
    assert kinds == {"link", "relative", "stranger"}
    links = sum(1 for row in truth.values() if row["registry_id"])
    assert links == 170
    limit = ceiling(tmp_path / "registry.csv", truth)
    assert 0.0 < limit.f1 <= 1.0
    perfect = tmp_path / "perfect.csv"
    perfect.write_text(
        "list_id,registry_id,score,decision\n"
        + "".join(
            f"{i},{row['registry_id']},1,{'match' if row['registry_id'] else 'none'}\n"
            for i, row in truth.items()
        )
    )
    assert quality(perfect, truth).f1 == pytest.approx(1.0)
