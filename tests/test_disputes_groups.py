"""`factcheck disputes`: how figures of different documents are put in one group (issue 19).

The corpus: three reports of deaths in a heat wave, three of deaths in a cholera outbreak, and a digest of the week
that gives both. "deaths" is written in every document, but the figures count two things; the words around them
(heat wave, Spain; cholera outbreak, Sudan) tell which.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()

DOCUMENTS = {
    "heat-a": "Heat wave in Spain\n\nA heat wave in Spain has caused 212 deaths, officials said.\n",
    "heat-b": "Spain swelters\n\nThe heat wave in Spain has now caused 240 deaths.\n",
    "heat-c": "Spain counts the cost\n\nSpain counts 260 deaths from the heat wave.\n",
    "cholera-a": "Cholera in Sudan\n\nA cholera outbreak in Sudan has caused 80 deaths.\n",
    "cholera-b": "Sudan outbreak grows\n\nThe cholera outbreak in Sudan has caused 95 deaths.\n",
    "cholera-c": "Sudan appeals for help\n\nSudan reports 120 deaths from the cholera outbreak.\n",
    "digest": "The week in brief\n\nSudan: the cholera outbreak has caused 90 deaths.\n"
    "Spain: the heat wave has caused 230 deaths.\n",
}
HEAT = {"heat-a": "212", "heat-b": "240", "heat-c": "260", "digest": "230"}
CHOLERA = {"cholera-a": "80", "cholera-b": "95", "cholera-c": "120", "digest": "90"}


@pytest.fixture(scope="module")
def groups(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    """Each group's figure of each document (as written), in the order disputes ranks the groups."""
    folder = tmp_path_factory.mktemp("two-topics")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in DOCUMENTS.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    claims = folder / "claims.yaml"
    claims.write_text("claims: []\n", encoding="utf-8")
    where = ["--corpus", str(corpus), "--no-index", "--claims", str(claims), "--limit", "50"]
    result = runner.invoke(app, ["disputes", *where, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    shown = []
    for group in data["disputes"]:
        firsts: dict[str, str] = {}
        for figure in group["figures"]:  # each document's figures, its figure for the group first
            firsts.setdefault(figure["document"], figure["text"])
        shown.append(firsts)
    return shown


def test_no_group_mixes_the_figures_of_two_things(groups: list[dict[str, str]]) -> None:
    for figures in groups:
        shown = set(figures.items())
        assert not (shown & set(HEAT.items()) and shown & set(CHOLERA.items())), figures


def test_a_document_that_speaks_of_both_gives_each_group_its_own_figure(groups: list[dict[str, str]]) -> None:
    # The digest's 90 stands with the cholera reports, its 230 with the heat-wave reports.
    assert CHOLERA in groups
    assert HEAT in groups


def test_a_narrower_group_that_leaves_out_a_document_is_kept(groups: list[dict[str, str]]) -> None:
    # "Sudan deaths" shows three of the four figures of "outbreak deaths" but leaves out the digest (which writes
    # "Sudan:" apart from its sentence's clause): another reading, kept beside the wider group.
    narrower = {k: v for k, v in CHOLERA.items() if k != "digest"}
    assert narrower in groups and CHOLERA in groups
