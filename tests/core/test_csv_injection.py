"""Every CSV aegui writes opens in a spreadsheet as data: a class name that starts like a
formula is neutralised (OWASP's advice on CSV injection), while numbers stay numbers."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from aegui.core.analysis.export import write_columns_csv, write_scores_csv
from aegui.core.csv_safe import SafeWriter, safe_cell
from aegui.core.latent import save_embeddings

FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def rows_of(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_that_starts_like_a_formula_is_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-0.25", "+3", "-1e-05", "12", "plain", "", 5, -2.5, None])
def test_numbers_and_plain_text_are_unchanged(value):
    assert safe_cell(value) == value


def test_the_writer_neutralises_every_cell_of_a_row():
    buffer = io.StringIO()
    SafeWriter(buffer, lineterminator="\n").writerow(["=1+1", -3, "-3", "@x"])
    assert buffer.getvalue() == "'=1+1,-3,-3,'@x\n"


def test_embeddings_with_hostile_class_names(tmp_path):
    codes = np.arange(12, dtype=np.float32).reshape(6, 2) - 6  # negative numbers among them
    path = save_embeddings(tmp_path / "z.csv", codes, np.arange(6), class_names=FORMULAS)
    rows = rows_of(path)
    assert [r[1] for r in rows[1:]] == ["'" + name.replace("\r", "\n") for name in FORMULAS]  # one row each
    assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for r in rows for cell in r)
    np.testing.assert_array_equal(np.array([r[2:] for r in rows[1:]], dtype=np.float32), codes)


def test_analysis_tables_with_hostile_text(tmp_path):
    scores = rows_of(write_scores_csv(tmp_path / "s.csv", np.arange(3), None, np.array([-1.0, 0.5, 2.0]), 1.0))
    assert [r[2] for r in scores[1:]] == ["-1", "0.5", "2"]
    columns = rows_of(write_columns_csv(tmp_path / "c.csv", {"name": ["=cmd", "ok"], "x": [-1.5, 2]}))
    assert columns[1:] == [["'=cmd", "-1.5"], ["ok", "2"]]
