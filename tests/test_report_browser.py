"""The HTML report in a real browser: headless Chromium renders it, we read back the DOM it built (every
statistic's section with its chart, nothing added by a script) and keep a screenshot. Skipped only where no
Chromium is found (.ci/install-browser installs Debian's `chromium` in CI)."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.claims import load_claims
from factcheck.corpus import load_corpus
from factcheck.render.html import render_html
from factcheck.report import build_report

ROOT = Path(__file__).resolve().parent.parent
BROWSERS = ("chromium", "chromium-browser")
TIMEOUT = 60


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"no Chromium binary found ({' or '.join(BROWSERS)}); run .ci/install-browser to install it")


def _command(browser: str, profile: Path, *args: str) -> list[str]:
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        *args,
    ]


class _Dom(HTMLParser):
    """Statistic sections (id → tags inside) and every tag, from the DOM the browser serialised."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[str]] = {}
        self.tags: list[str] = []
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "section":
            ident = dict(attrs).get("id") or ""
            self._current = ident if ident.startswith("stat-") else None
            if self._current:
                self.sections[self._current] = []
        elif self._current is not None:
            self.sections[self._current].append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._current = None


def test_report_in_headless_chromium(tmp_path: Path) -> None:
    browser = _browser()
    claims = load_claims(ROOT / "claims.yaml")
    report = build_report(load_corpus(ROOT / "corpus"), claims, date="2026-03-01")
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    shot = tmp_path / "report.png"
    url = page.as_uri()
    # The DOM and the screenshot in two browsers at once (each with its own profile), to keep the test short.
    dump = subprocess.Popen(
        _command(browser, tmp_path / "profile-dom", "--dump-dom", url),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    picture = subprocess.Popen(
        _command(
            browser,
            tmp_path / "profile-shot",
            "--hide-scrollbars",
            "--window-size=1280,2400",
            f"--screenshot={shot}",
            url,
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        dom, _ = dump.communicate(timeout=TIMEOUT)
        picture.wait(timeout=TIMEOUT)
    finally:
        for process in (dump, picture):
            if process.poll() is None:
                process.kill()
                process.wait()
    assert dump.returncode == 0, "chromium --dump-dom failed"
    parsed = _Dom()
    parsed.feed(dom)
    assert list(parsed.sections) == [f"stat-{s.id}" for s in claims.statistics]
    for ident, tags in parsed.sections.items():
        assert "svg" in tags, f"{ident} has no chart"
    with_figures = [s for s in report.sections if s.comparison.with_figures]
    assert len(with_figures) >= len(report.sections) // 2, "the bundled corpus gives figures for most statistics"
    for section in with_figures:
        tags = parsed.sections[f"stat-{section.id}"]
        assert "circle" in tags or "rect" in tags, f"{section.id}: no mark on its chart"
        assert "table" in tags and "mark" in tags, f"{section.id}: no table with the figure highlighted"
    # No script builds or changes anything: the browser's DOM has exactly the elements of the file, so the page
    # reads the same with scripts off (its Content-Security-Policy forbids scripts and fetches anyway).
    source = _Dom()
    source.feed(page.read_text(encoding="utf-8"))
    assert parsed.tags == source.tags
    assert "script" not in parsed.tags
    assert picture.returncode == 0, "chromium --screenshot failed"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # a page was drawn, not a blank
