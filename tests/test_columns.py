"""Column widths worked out at build time (macros/render/columns.py): shares that follow the content, and a
width for every column of every table from data/ on the built site. tests/test_browser.py shows in chromium
that, with them, nothing moves while a table's rows arrive."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from markupsafe import Markup

from macros.data import load_dataset
from macros.render import Links, columns, tables

FIXTURE = Path(__file__).parent / "fixtures" / "data"


def table(*rows: tuple[str, ...], head: tuple[str, ...] = ()) -> str:
    """The rows of a table as its template writes them: a heading row, then a row heading and cells."""
    heading = "".join(f'<th scope="col">{h}</th>' for h in head or (f"Column {i}" for i in range(len(rows[0]))))
    body = "".join("<tr>" + f'<th scope="row">{row[0]}</th>' + "".join(f"<td>{c}</td>" for c in row[1:]) + "</tr>"
                   for row in rows)
    caption = "A caption long enough to fill a line of the page, which no column should follow. " * 3
    return f"<caption>{caption}</caption><thead><tr>{heading}</tr></thead><tbody>{body}</tbody>"


SENTENCE = "A sentence that explains how this figure was measured, by whom, and under which conditions it holds."


def test_the_shares_add_up_to_a_whole_table_with_one_per_column() -> None:
    shares = columns.widths(table(("Model A", "$1.00", SENTENCE), ("Model B", "$2.50", "Short.")))
    assert shares is not None and len(shares) == 3 and sum(shares) == 100 and min(shares) > 0


def test_a_column_of_sentences_gets_more_room_than_a_column_of_figures() -> None:
    model, figure, note = columns.widths(table(("Claude Sonnet 4.5", "$1.00", SENTENCE), ("GPT-5.4 mini", "$2.50", SENTENCE),
                                               head=("Model", "Price", "Notes")))
    assert note > model > figure


def test_a_long_word_keeps_its_column_wide_enough_to_hold_it() -> None:
    word = "superlongmodelidentifier"
    name, sentence = columns.widths(table((f"<code>{word}</code>", SENTENCE * 3), ("x", SENTENCE * 3)))
    assert name / 100 * columns.TABLE_CHARS >= len(word)


def test_a_word_too_long_for_any_column_does_not_squeeze_the_others() -> None:
    """A contributor's 120-letter name breaks across lines; the figures beside it keep room to be read."""
    name, figure, note = columns.widths(table(("N" * 120, "$1.00", SENTENCE), ("GPT-5.4 mini", "$2.50", SENTENCE),
                                              head=("Model", "Price", "Notes")))
    assert figure >= 8 and note >= 30 and name <= 45


def test_only_what_shows_counts_not_a_closed_disclosure_nor_the_caption() -> None:
    closed = f'<details class="ifg-more"><summary>Checked</summary><p>{SENTENCE * 4}</p></details>'
    opened = closed.replace("<details", "<details open")
    short = columns.widths(table(("Model A", "$1.00", closed), ("Model B", "$2.50", closed)))
    long = columns.widths(table(("Model A", "$1.00", opened), ("Model B", "$2.50", opened)))
    assert short is not None and long is not None
    assert short[2] < 40 < long[2]
    hidden = columns.widths(table(("Model A", f'$1.00<span hidden>{SENTENCE * 4}</span>'), ("Model B", "$2.50")))
    assert hidden is not None and hidden[1] < 60


def test_a_closed_disclosure_inside_a_closed_one_hides_the_rest_of_the_outer_one_too() -> None:
    nested = (f'<details class="ifg-more"><summary>Checked</summary><details><summary>More</summary>{SENTENCE}</details>'
              f'<p>{SENTENCE * 4}</p></details>')
    shares = columns.widths(table(("Model A", "$1.00", nested), ("Model B", "$2.50", nested)))
    assert shares is not None and shares[2] < 40


def test_text_counts_as_a_reader_sees_it_whether_the_template_hands_over_markup_or_plain_text() -> None:
    """A name with an ampersand is one character wide on the page, however its entity is written."""
    name = "Q&amp;A &amp; R&amp;D &amp; M&amp;A &amp; P&amp;L &amp; <em>x</em> model"
    rows = table((name, "$1.00", "Short."), ("Model B", "$2.50", "Short."))
    assert columns.widths(Markup(rows)) == columns.widths(rows) == columns.widths(rows.replace("&amp;", "&#38;"))


def test_a_table_without_rows_is_left_to_the_browser() -> None:
    assert columns.widths('<thead><tr><th scope="col">Model</th></tr></thead><tbody></tbody>') is None


def test_every_table_from_data_has_a_width_for_each_column(built_site: Path) -> None:
    """Every table from data/ with rows sets its columns' widths, one per column of its heading row, adding up to the
    whole table."""
    checked = 0
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for found in re.finditer(r'<table class="ifg-data([^"]*)">(.*?)</table>', html, re.S):
            kinds, rows = found.groups()
            if "<tbody>\n</tbody>" in rows or "<tr" not in rows.split("</thead>")[-1]:
                continue
            checked += 1
            where = f"{page.relative_to(built_site)}: {rows[:80]!r}"
            assert "ifg-fixed" in kinds, where
            shares = [int(w) for w in re.findall(r'<col style="--ifg-col: (\d+)%">', rows)]
            heading = rows.split("</thead>")[0]
            assert len(shares) == heading.count('<th scope="col"'), where
            assert sum(shares) == 100, where
    assert checked >= 40


def test_many_columns_never_get_a_negative_width_nor_more_than_the_whole_table() -> None:
    """150 monthly volumes made the cost-at-scale table's widest column -50% wide."""
    for count in (2, 40, 80, 99, 100, 101, 150, 400):
        for wide in (0, 1, 2, 5):
            head = tuple(f"{i:,} a month" for i in range(count))
            cells = [SENTENCE if i < wide else "$1" for i in range(count)]
            shares = columns.widths(table(tuple(cells), tuple(cells), head=head))
            if shares is None:
                assert count > columns.MAX_COLUMNS
                continue
            assert len(shares) == count and min(shares) >= 1 and sum(shares) == 100, (count, wide, shares)


def test_the_scale_table_of_a_dataset_with_150_monthly_volumes_stays_inside_the_page(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    scenarios = data / "scenarios.yaml"
    volumes = ", ".join(str(1000 * (i + 1)) for i in range(150))
    scenarios.write_text(re.sub(r"monthly_volumes: \[.*\]", f"monthly_volumes: [{volumes}]",
                                scenarios.read_text(encoding="utf-8")), encoding="utf-8")
    html = tables.scale_table(load_dataset(data), Links(), "chat")
    shares = [int(w) for w in re.findall(r"--ifg-col: (-?\d+)%", html)]
    assert all(w >= 1 for w in shares) and sum(shares) <= 100


def _both_readings(rows: str) -> tuple[object, object]:
    """What reading each cell on its own makes of `rows` (None where it leaves them to the full reading), and what
    reading every token makes of them."""
    html = columns._CLOSED_BODY.sub(r"\1</details>", rows)
    return columns._cell_extents(html), columns._read_extents(html)


ODD_ROWS = {
    "hidden cell": '<tr><td hidden>A long sentence nobody sees at all</td><td>$1</td></tr><tr><td>x</td><td>y</td></tr>',
    "hidden row": '<tr hidden><td>A long sentence nobody sees at all</td></tr><tr><td>x</td></tr>',
    "cell across columns": '<tr><td colspan="2">A long sentence across both columns</td></tr><tr><td>x</td><td>y</td></tr>',
    "table in a cell": '<tr><td><table><tr><td>Inner cell text</td></tr></table></td><td>$1</td></tr><tr><td>x</td></tr>',
    "comment": '<tr><td>A<!-- </td><td>hidden --> B</td></tr><tr><td>x</td></tr>',
    "text between cells": '<tr><td>A</td> stray words <td>B</td></tr><tr><td>x</td><td>y</td></tr>',
    "unclosed cell": '<tr><td>A long first cell<td>B</tr><tr><td>x</td><td>y</td></tr>',
    "capitals": '<TR><TD>A long first cell</TD><Th>B<small>small print</small></tH></TR><tr><td>x</td><td>y</td></tr>',
    "open disclosure": '<tr><td><details open><summary>S</summary><p>A long sentence</p></details></td></tr><tr><td>x</td></tr>',
    "spaced end tag": ('<tr><td><details class="ifg-more"><summary>S</summary><p>one</p></details ><p>A long sentence'
                       '</p></details></td><td>B</td></tr><tr><td>x</td><td>y</td></tr>'),
    "cell before a row": '<td>A stray cell</td><tr><td>x</td></tr><tr><td>y</td></tr>',
    "row heading's small print": '<tr><th scope="row">Name<br><small>maker, size</small></th><td><code>id</code></td></tr>'
                                 '<tr><td>x</td><td>y</td></tr>',
}


def test_reading_each_cell_on_its_own_gives_what_reading_every_token_gives(built_site: Path) -> None:
    """The widths come from each distinct cell read once (a table's cells recur); where the rows are plain enough for
    that, the result is the one reading the rows token by token gives, on every table of the site and on odd rows."""
    read_alone = 0
    table_rows = r'<table class="ifg-data[^"]*">\n(?:<caption>.*?</caption>\n)?(?:<colgroup>.*?</colgroup>\n)?(.*?)</table>'
    found = [rows for page in built_site.rglob("*.html")
             for rows in re.findall(table_rows, page.read_text(encoding="utf-8"), re.S)]
    for rows in [*found, *ODD_ROWS.values()]:
        alone, every_token = _both_readings(rows)
        if alone is not None:
            read_alone += 1
            assert alone == every_token, rows[:200]
    assert read_alone >= 40
    assert _both_readings(ODD_ROWS["row heading's small print"])[0] is not None
    assert all(_both_readings(ODD_ROWS[name])[0] is None for name in ("hidden cell", "hidden row", "table in a cell",
                                                                      "comment", "text between cells", "unclosed cell"))
