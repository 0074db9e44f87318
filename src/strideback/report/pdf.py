"""The clinician PDF: the page machinery (fonts, header, footer, small building blocks) and the assembly.

The sections themselves are in `report.pdf_sections` and `report.pdf_evidence`; every number comes from
`services.report`. The steps that make a report (its data, analysis and charts) are in `report.build`,
which imports this module (and the PDF library) only once the charts are being drawn.
A Unicode TTF font (DejaVu, Debian's fonts-dejavu-core) is used when present; otherwise the PDF core
fonts, with text reduced to Latin-1.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from strideback import __version__

if TYPE_CHECKING:
    from strideback.report.chart_images import ChartImage
    from strideback.report.pdf_trial import ReportTrial
    from strideback.services.report import Report

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
LIGHT_RGB = {
    "green": (27, 158, 62),
    "amber": (230, 159, 0),
    "red": (200, 16, 46),
    "stop": (106, 13, 173),
}
INK = (33, 33, 33)
MUTED = (100, 100, 100)
RULE = (200, 200, 200)
HEADING_FILL = (236, 239, 243)
_LATIN1_REPLACEMENTS = {
    "–": "-",
    "—": "-",
    "→": "->",
    "≥": ">=",
    "≤": "<=",
    "×": "x",
    "…": "...",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "•": "-",
}


def human_day(value: dt.date | str) -> str:
    """A day in the report's text (`14 Mar 2026`, the one date format), from a date or an ISO string
    (the JSON documents of the trial and the analysis); anything else is shown as it is."""
    from strideback.domain.dates import format_day

    if not isinstance(value, str):
        return format_day(value, weekday=False)
    try:
        return format_day(dt.date.fromisoformat(value), weekday=False)
    except ValueError:
        return value


def find_unicode_font() -> tuple[Path, Path] | None:
    """DejaVu Sans regular and bold, when installed."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


class ReportPDF(FPDF):
    """A4 portrait with a running header, a footer that says what this is, and text helpers."""

    def __init__(self, person_name: str, period: str, unicode_font: tuple[Path, Path] | None) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.person_name = person_name
        self.period = period
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_title(self.clean(f"strideback report: {person_name}"))
        self.set_creator(f"strideback {__version__}")
        if unicode_font is not None:
            self.add_font("DejaVu", "", str(unicode_font[0]))
            self.add_font("DejaVu", "B", str(unicode_font[1]))
            self.family_name = "DejaVu"
            self.unicode = True
        else:
            self.family_name = "Helvetica"
            self.unicode = False
        self.alias_nb_pages()

    # ------------------------------------------------------------ text

    def clean(self, text: str) -> str:
        """Text the current font can draw (core fonts only know Latin-1)."""
        if getattr(self, "unicode", True):
            return text
        for wide, narrow in _LATIN1_REPLACEMENTS.items():
            text = text.replace(wide, narrow)
        return text.encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float = 9.5, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.set_text_color(*colour)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.font(7.5, colour=MUTED)
        self.cell(0, 5, self.clean(f"strideback report - {self.person_name} - {self.period}"), align="L")
        self.ln(7)

    def footer(self) -> None:
        self.set_y(-12)
        self.font(7, colour=MUTED)
        self.cell(
            0,
            5,
            self.clean(
                f"Self-recorded by the person with strideback {__version__}; not a diagnosis or a medical "
                f"record. Page {self.page_no()}/{{nb}}"
            ),
            align="C",
        )

    def heading(self, text: str, size: float = 12.5) -> None:
        if self.get_y() > self.h - 40:
            self.add_page()
        self.ln(2)
        self.font(size, bold=True)
        self.cell(0, 7, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)

    def subheading(self, text: str) -> None:
        if self.get_y() > self.h - 45:
            self.add_page()
        self.ln(1.5)
        self.font(10, bold=True)
        self.cell(0, 6, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(
        self, text: str, size: float = 9.5, bold: bool = False, colour: tuple[int, int, int] = INK
    ) -> None:
        self.font(size, bold=bold, colour=colour)
        self.multi_cell(0, size * 0.48, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bullet(self, text: str, size: float = 9.5, colour: tuple[int, int, int] = INK) -> None:
        self.font(size, colour=colour)
        self.set_x(self.l_margin + 2)
        self.multi_cell(0, size * 0.48, self.clean(f"• {text}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def badge(self, text: str, light: str) -> None:
        """A coloured label that also says its colour in words (never colour alone)."""
        self.set_fill_color(*LIGHT_RGB.get(light, MUTED))
        self.font(10, bold=True, colour=(255, 255, 255))
        self.cell(self.get_string_width(self.clean(text)) + 6, 6.5, self.clean(text), fill=True, align="C")
        self.set_text_color(*INK)
        self.set_fill_color(255, 255, 255)

    def table_rows(
        self, rows: list[list[str]], widths: tuple[float, ...], size: float = 8.5, align: str = "LEFT"
    ) -> None:
        """A table whose first row is the heading; wraps long cells and repeats the heading on a new page."""
        from fpdf.fonts import FontFace

        self.font(size)
        self.set_draw_color(*RULE)
        self.set_fill_color(255, 255, 255)
        with self.table(
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
            col_widths=widths,
            text_align=align,
            line_height=size * 0.5,
            padding=(0.8, 1.2),
            borders_layout="HORIZONTAL_LINES",
            width=self.epw,
        ) as table:
            for row in rows:
                cells = table.row()
                for value in row:
                    cells.cell(self.clean(value))
        self.ln(1.5)

    def picture(self, png: bytes, title: str, caption: str) -> None:
        """A chart across the page's width, kept on one page with its title and caption."""
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            width_px, height_px = image.size
        height = self.epw * height_px / width_px
        if self.get_y() + height + 18 > self.h - self.b_margin:
            self.add_page()
        self.font(10, bold=True)
        self.cell(0, 6, self.clean(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.image(io.BytesIO(png), x=self.l_margin, w=self.epw, alt_text=self.clean(title))
        self.paragraph(caption, size=8, colour=MUTED)
        self.ln(3)

    def picture_grid(self, images: list[ChartImage], caption: str, columns: int = 2, gap: float = 6) -> None:
        """Small charts side by side, each under its own title, one caption below them all."""
        from PIL import Image

        width = (self.epw - gap * (columns - 1)) / columns
        for first in range(0, len(images), columns):
            row = images[first : first + columns]
            heights = []
            for image in row:
                with Image.open(io.BytesIO(image.png)) as picture:
                    heights.append(width * picture.size[1] / picture.size[0])
            if self.get_y() + max(heights) + 8 > self.h - self.b_margin:
                self.add_page()
            top = self.get_y()
            for column, image in enumerate(row):
                x = self.l_margin + column * (width + gap)
                self.set_xy(x, top)
                self.font(8.5, bold=True)
                self.cell(width, 5, self.clean(image.title))
                self.image(io.BytesIO(image.png), x=x, y=top + 5.5, w=width, alt_text=self.clean(image.title))
            self.set_xy(self.l_margin, top + 5.5 + max(heights) + 2)
        self.paragraph(caption, size=7.5, colour=MUTED)
        self.ln(1)


def render_pdf(
    report: Report,
    chart_images: list[ChartImage],
    finding_images: list[ChartImage],
    trial: ReportTrial | None = None,
) -> bytes:
    """Lay the report out: summary page, charts, sessions, findings, questionnaires, trial, notes, about."""
    return finish_pdf(begin_pdf(report, lambda: chart_images), report, finding_images, trial)


def begin_pdf(report: Report, chart_images: Callable[[], Iterable[ChartImage]]) -> ReportPDF:
    """The pages before the findings (summary, charts, sessions): none of them reads the analysis, so they
    are laid out while it is still being computed. `chart_images` is called once the summary is laid out,
    and each image is placed as soon as it is drawn."""
    from strideback.report import pdf_sections as sections

    period = sections.period_text(report)
    pdf = ReportPDF(report.person_name, period, find_unicode_font())
    pdf.add_page()
    sections.summary_page(pdf, report)
    pdf.add_page()
    pdf.heading("Charts")
    for image in chart_images():
        pdf.picture(image.png, image.title, image.caption)
    sections.session_responses(pdf, report)
    return pdf


def finish_pdf(
    pdf: ReportPDF, report: Report, finding_images: list[ChartImage], trial: ReportTrial | None = None
) -> bytes:
    """The pages from the findings on (`report` now with its analysis), and the document's bytes."""
    from strideback.report import pdf_sections as sections
    from strideback.report.pdf_evidence import evidence_findings
    from strideback.report.pdf_trial import trial_pages

    evidence_findings(pdf, report, finding_images)
    sections.questionnaire_history(pdf, report)
    sections.treatments(pdf, report)
    trial_pages(pdf, trial)  # the personal trial (issue 13)
    sections.notes(pdf, report)
    sections.about(pdf)
    return bytes(pdf.output())
