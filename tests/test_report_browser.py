"""The HTML report in a real browser: headless Chromium renders it, we read back the DOM it built (every
statistic's section with its table and charts, nothing added by a script), take screenshots at 1400 and 420 px
(kept in $FACTCHECK_SCREENSHOTS when set) and check that nothing is wider than the screen at either width. Skipped
only where no Chromium is found (.ci/install-browser installs Debian's `chromium` in CI)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.commands.report import build_report
from factcheck.corpus.claims import load_claims
from factcheck.corpus.documents import load_corpus
from factcheck.render.compare import charted
from factcheck.render.html import render_html

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


def _run_all(commands: list[list[str]]) -> list[str]:
    """Run browsers side by side (each with its own profile) and return their standard outputs."""
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) for command in commands
    ]
    outputs = []
    try:
        for process in processes:
            out, _ = process.communicate(timeout=TIMEOUT)
            assert process.returncode == 0, f"chromium failed: {process.args}"
            outputs.append(out)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    return outputs


# Measures the page where it is shown: in a frame as wide as the screen, it posts back whether anything is wider.
PROBE = (
    '<script>var s=document.scrollingElement;parent.postMessage("overflow "+s.scrollWidth+" "+innerWidth,"*")</script>'
)
FRAME = (
    '<!DOCTYPE html><body style="margin:0"><iframe src="{page}" width="{width}" height="900" style="border:0">'
    '</iframe><pre id="out"></pre><script>addEventListener("message",e=>{{document.getElementById("out")'
    ".textContent=e.data}})</script></body>"
)
WIDTHS = (1400, 420)  # a desktop screen and a phone


def _probe_pages(page: Path, folder: Path) -> dict[int, str]:
    """A copy of the report that measures itself (its policy forbids scripts: removed in the copy only), in frames."""
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
    (folder / "measured.html").write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    frames = {}
    for width in WIDTHS:
        frame = folder / f"frame-{width}.html"
        frame.write_text(FRAME.format(page="measured.html", width=width), encoding="utf-8")
        frames[width] = frame.as_uri()
    return frames


def test_report_in_headless_chromium(tmp_path: Path) -> None:
    browser = _browser()
    claims = load_claims(ROOT / "claims.yaml")
    report = build_report(load_corpus(ROOT / "corpus"), claims, date="2026-03-01")
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    url = page.as_uri()
    shots = {width: Path(os.environ.get("FACTCHECK_SCREENSHOTS", tmp_path)) / f"report-{width}.png" for width in WIDTHS}
    frames = _probe_pages(page, tmp_path)
    commands = [_command(browser, tmp_path / "profile-dom", "--dump-dom", url)]
    for width in WIDTHS:
        shot = [f"--window-size={width},2400", f"--screenshot={shots[width]}", url]
        commands.append(_command(browser, tmp_path / f"profile-shot-{width}", "--hide-scrollbars", *shot))
        probe = ["--window-size=1500,1000", "--virtual-time-budget=10000", "--dump-dom", frames[width]]
        commands.append(_command(browser, tmp_path / f"profile-probe-{width}", *probe))
    dom, *others = _run_all(commands)
    parsed = _Dom()
    parsed.feed(dom)
    assert list(parsed.sections) == [f"stat-{s.id}" for s in claims.statistics]
    with_figures = [s for s in report.sections if s.comparison.with_figures]
    assert len(with_figures) >= len(report.sections) // 2, "the bundled corpus gives figures for most statistics"
    for section in with_figures:
        tags = parsed.sections[f"stat-{section.id}"]
        assert "table" in tags and "mark" in tags, f"{section.id}: no table with the figure highlighted"
        charts = sum(1 for a in section.comparison.agreement if charted(a))
        assert tags.count("figure") == charts, f"{section.id}: a chart for each group of two documents or more"
    assert any(charted(a) for s in report.sections for a in s.comparison.agreement), "no chart at all"
    # No script builds or changes anything: the browser's DOM has exactly the elements of the file, so the page
    # reads the same with scripts off (its Content-Security-Policy forbids scripts and fetches anyway).
    source = _Dom()
    source.feed(page.read_text(encoding="utf-8"))
    assert parsed.tags == source.tags
    assert "script" not in parsed.tags
    for width, shot in shots.items():
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 10_000, f"{width} px: a page was drawn, not a blank"
    # Nothing is wider than the screen, on a desktop or a phone: no sideways scrolling.
    for width, probed in zip(WIDTHS, others[1::2], strict=True):
        found = re.search(r'<pre id="out">overflow (\d+) (\d+)</pre>', probed)
        assert found, f"{width} px: the page did not report its width"
        scroll_width, inner_width = int(found[1]), int(found[2])
        assert inner_width == width
        assert scroll_width <= inner_width, f"{width} px: the page is {scroll_width} px wide"
