"""A one-page HTML report of an experiment: settings, curves, metrics, images, analyses.

One self-contained file: images are inlined as ``data:`` PNGs and charts as SVG, so the
page opens offline, can be mailed, and never breaks when files move.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from aegui.core.checkpoint import Experiment, atomic_write
from aegui.core.data import ImageDataset
from aegui.core.errors import AeguiError
from aegui.core.report.content import AnalysisSection, ReportContent, build_report
from aegui.core.report.words import ENGLISH, ReportWords
from aegui.core.words import say

REPORT_SUFFIXES = (".html", ".htm")
_TEMPLATE = "report.html.j2"

__all__ = ["REPORT_SUFFIXES", "AnalysisSection", "ReportContent", "ReportWords", "build_report", "render_report",
           "write_report"]


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["j2", "html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_report(content: ReportContent) -> str:
    return _environment().get_template(_TEMPLATE).render(r=content, w=content.words)


def write_report(experiment: Experiment, data: ImageDataset, out: Path, title: str,
                 analyses: list[AnalysisSection] | None = None, words: ReportWords = ENGLISH) -> Path:
    """Render the report of ``experiment`` (figures from ``data``) in ``words``' language and
    write it atomically."""
    out = Path(out)
    if out.suffix.lower() not in REPORT_SUFFIXES:
        raise AeguiError(say("Save the report as an .html file."))
    html = render_report(build_report(experiment, data, title, analyses, words))
    atomic_write(out, lambda handle: handle.write(html.encode("utf-8")))
    return out
