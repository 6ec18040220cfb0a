"""The HTML reader on real saved web pages (tests/formats/real/SOURCES.md): a blog post of the V8 project's site and
one of a personal site, each with its site's menu, header and footer around the article. The expected sentences
were typed from the pages as a browser shows them, not taken from the reader's output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

pytest.importorskip("trafilatura")

from factcheck.corpus.formats.convert import extract_here  # noqa: E402

REAL = Path(__file__).resolve().parent / "real"
V8_POST = REAL / "v8-standalone-wasm-2019.html"
COVERAGE_POST = REAL / "perriault-code-coverage-2013.html"


def _paragraphs(page: Path) -> list[str]:
    return extract_here("html", page.read_bytes()).text.strip().split("\n\n")


def test_a_blog_post_reads_as_its_article_from_first_to_last_paragraph_without_the_site_s_menu_and_footer() -> None:
    paragraphs = _paragraphs(V8_POST)
    assert paragraphs[0] == (
        "Emscripten has always focused first and foremost on compiling to the Web and other JavaScript environments"
        " like Node.js. But as WebAssembly starts to be used without JavaScript, new use cases are appearing, and so"
        " we've been working on support for emitting standalone Wasm files from Emscripten, that do not depend on"
        " the Emscripten JS runtime! This post explains why that's interesting."
    )
    assert paragraphs[-1] == (
        "You may also find APIs that do have a non-JS replacement that we haven’t converted yet, as work is still"
        " ongoing. Please file bugs, and as always help is welcome!"
    )
    # sentences with figures, each whole in one paragraph (links and <code> inside them read as their words)
    for sentence in (
        "Disassembling it, it's very minimal - just 87 bytes!",
        "Just 4 lines! Running that prints 42 as expected.",
        "A real-world example of that is in zeux's meshoptimizer - just 57 lines, including memory management,"
        " growth, etc.!",
        "Given the current trajectory of Wasm, it looks like there will be 3 main categories of APIs that people"
        " import and use:",
        "Emscripten uses WASI APIs as much as possible, so programs like this end up using 100% WASI and can run in"
        " WASI-supporting runtimes (see notes later on what programs require more than WASI).",
    ):
        assert any(sentence in p for p in paragraphs), sentence
    text = "\n\n".join(paragraphs)
    # the site's header and menu, the post's date line and tags, its share link, the site's footer
    for boilerplate in (
        "Show navigation",
        "JS/Wasm features",
        "Research",
        "Tagged with",
        "Retweet this article!",
        "Branding",
        "Edit this page on GitHub",
        "Except as otherwise noted",
        "Creative Commons",
    ):
        assert boilerplate not in text, boilerplate
    assert not {"Home", "Blog", "Docs", "V8"} & set(paragraphs)


def test_a_blog_post_s_figures_keep_the_sentences_that_say_what_they_count(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / V8_POST.name).write_bytes(V8_POST.read_bytes())
    result = CliRunner().invoke(app, ["extract", str(corpus / V8_POST.name), "--format", "json"])
    assert result.exit_code == 0, result.output
    sentences = {r["value"]: " ".join(r["sentence"].split()) for r in json.loads(result.stdout)}
    assert sentences[87] == "Disassembling it, it's very minimal - just 87 bytes!"
    assert sentences[57].startswith("A real-world example of that is in zeux's meshoptimizer - just 57 lines")
    assert sentences[3].startswith("Given the current trajectory of Wasm, it looks like there will be 3 main")
    result = CliRunner().invoke(app, ["sources", "--corpus", str(corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    [document] = json.loads(result.stdout)["documents"]
    assert (document["format"], document["title"], document["published"]) == (
        "html",
        "Outside the web: standalone WebAssembly binaries using Emscripten",
        "2019-11-21",
    )


def test_a_page_whose_source_wraps_its_paragraphs_reads_each_paragraph_whole() -> None:
    # The page's source breaks its paragraphs over lines, often just before a link: a browser shows a space there.
    paragraphs = _paragraphs(COVERAGE_POST)
    assert paragraphs[0] == "Get your Frontend JavaScript Code Covered"
    for paragraph in (
        "So finally you're testing your frontend JavaScript code? Great! The more you write tests, the more"
        " confident you are with your code… but how much precisely? That's where code coverage might help.",
        "The idea behind code coverage is to record which parts of your code (functions, statements, conditionals"
        " and so on) have been executed by your test suite, to compute metrics out of these data and usually to"
        " provide tools for navigating and inspecting them.",
        "As an example, let's reuse the silly Cow example we used in a previous episode:",
        "Source files: blanket.js, mocha-blanket.js",
    ):
        assert paragraph in paragraphs, paragraph
    assert paragraphs[-1] == "So is code coverage silver bullet? No. Is it useful? Definitely. Happy testing!"
    text = "\n\n".join(paragraphs)
    # the site's header, the post's byline and links, the links to the posts before and after, the menu, the footer
    for boilerplate in (
        "Hi, I'm Nicolas.",
        "I code stuff. I take photos. I write rants.",
        "Permalink",
        "flattr this",
        "Functional JavaScript for crawling the Web",
        "Testing your frontend JavaScript code using mocha, chai, and sinon",
        "Photography",
        "Carnet",
        "© 2012 Nicolas Perriault",
        "Tweet at me",
        "Enjoy my pics",
    ):
        assert boilerplate not in text, boilerplate
    extracted = extract_here("html", COVERAGE_POST.read_bytes())
    assert (extracted.author, extracted.published) == ("Nicolas Perriault", "2013-09-29")
