"""The schema of every vocabulary file: one frozen dataclass per file, field names = YAML keys.

A field with a default may be left out of the file; `Regex` fields must compile. The meaning of
each key is documented in the YAML file itself, next to the values an analyst edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal


class Regex(str):
    """A Python regular expression (checked to compile when the file is loaded)."""


# --- structure/data ---------------------------------------------------------------------------


# cascade: a Renstra matrix's RPJMD / NSPK level, not recorded; tujuan / indikator_tujuan: the
# tujuan level of a Renstra matrix (structure/columns.py gives them the sasaran / indikator roles
# in a table without a sasaran column)
ColumnName = Literal[
    "cascade",
    "indikator_tujuan",
    "tujuan",
    "indikator",
    "sasaran",
    "formula",
    "sumber_data",
    "penanggung_jawab",
    "no",
    "target",
]


@dataclass(frozen=True)
class ColumnRule:
    column: ColumnName
    keywords: tuple[str, ...]
    unless: tuple[str, ...] = ()  # a header holding one of these words is not this column


@dataclass(frozen=True)
class NumberRow:
    min_numbers: int
    max_digits: int
    max_first: int
    min_share: float


@dataclass(frozen=True)
class Columns:
    rules: tuple[ColumnRule, ...]
    definition_keywords: tuple[str, ...]
    header_words: tuple[str, ...]
    header_word_min_score: float
    number_row: NumberRow


@dataclass(frozen=True)
class HeaderLabels:
    nomor: tuple[str, ...]
    decree: tuple[str, ...]
    kecamatan: tuple[str, ...]
    kecamatan_ends: tuple[str, ...]
    kabupaten: tuple[str, ...]
    kabupaten_ends: tuple[str, ...]
    tahun: tuple[str, ...]


@dataclass(frozen=True)
class FieldLabels:
    """Label words of each kind of text field (the kind names are the pipeline's, not free)."""

    jabatan: tuple[str, ...]
    instansi: tuple[str, ...]
    tugas: tuple[str, ...]
    fungsi: tuple[str, ...]
    indikator_tujuan: tuple[str, ...]
    tujuan: tuple[str, ...]
    visi: tuple[str, ...]
    misi: tuple[str, ...]

    def items(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


CellLabelKind = Literal["tujuan", "sasaran", "formula", "catatan", "sumber_data"]


@dataclass(frozen=True)
class CellLabels:
    """Labels printed inside table cells, per field they introduce (structure/fields.py)."""

    tujuan: tuple[str, ...]
    sasaran: tuple[str, ...]
    formula: tuple[str, ...]
    catatan: tuple[str, ...]
    sumber_data: tuple[str, ...]

    def of(self, kind: CellLabelKind) -> tuple[str, ...]:
        words: tuple[str, ...] = getattr(self, kind)
        return words


@dataclass(frozen=True)
class Labels:
    fields: FieldLabels
    header_labels: HeaderLabels
    headings: tuple[str, ...]
    title_prefixes: tuple[str, ...]
    title_kinds: dict[str, tuple[str, ...]]
    note_labels: tuple[str, ...]
    signer_id_labels: tuple[str, ...]
    pangkat: tuple[str, ...]
    signer_titles: tuple[str, ...]
    place_levels: tuple[str, ...]
    signature_place: tuple[str, ...]
    signature_date: tuple[str, ...]
    months: tuple[str, ...]
    decree_body: tuple[str, ...]
    decree_subject: tuple[str, ...]
    cited_decree_kinds: tuple[str, ...]
    decree_subject_joiners: tuple[str, ...]
    cell_labels: CellLabels
    code_prefixes: tuple[str, ...]
    self_reference: tuple[str, ...]


@dataclass(frozen=True)
class Measure:
    measure: str | None  # None: the words start an indicator but do not say its measure
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Language:
    function_words: tuple[str, ...]
    conjunctions: tuple[str, ...]
    unit_heads: tuple[str, ...]
    english_filler: tuple[str, ...]
    measures: tuple[Measure, ...]
    # words and signs a cell line ends in when the text goes on in the next line ("A dibagi" / "B")
    goes_on_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Confidence:
    review_below: float
    max_words: dict[str, int]
    usual_multipliers: tuple[int, ...]
    law_words: tuple[str, ...]
    years: tuple[int, ...]
    times_words: tuple[str, ...]
    office_words: tuple[str, ...]
    name_degrees: tuple[str, ...]
    odd_characters: str
    # an upper-case word this long or longer, two in a row inside a mixed-case value: header or
    # title words read into a cell ("Persentase INDIKATOR KINERJA sarana")
    caps_run_letters: int = 5
    # red flag -> the highest confidence a field showing it may have ("ocr:<flag>": OCR'd fields only)
    red_flag_cap: dict[str, float] = field(default_factory=dict)
    # the model reads each red flag of an OCR'd field as an input of its own ("ocr:<flag>")
    ocr_flag_inputs: bool = False


# --- normalizers/data -------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    multiplier_pattern: Regex
    times_line_pattern: Regex
    rule_pattern: Regex
    ratio_words_pattern: Regex
    ratio_lead_pattern: Regex


@dataclass(frozen=True)
class IdentityThresholds:
    word: float
    exact_length: float
    subset_min_words: float
    prefilter: float
    near_miss: float
    near_miss_block: int  # texts sharing one rare word before it stops pairing them for near misses


@dataclass(frozen=True)
class Identity:
    rewrites: dict[str, str]
    generic_words: tuple[str, ...]
    open_measures: tuple[str, ...]
    thresholds: IdentityThresholds


@dataclass(frozen=True)
class Style:
    keep_upper: tuple[str, ...]
    acronym_max_length: int = 6


@dataclass(frozen=True)
class AbbreviationRule:
    replacement: str | None = None
    pattern: str | tuple[str, ...] | None = None
    regex: Regex | None = None
    id: str | None = None
    use: str | None = None  # org_terms only: apply the jabatan rule with this id
    at_start: bool = False
    drop_rest: bool = False
    comment: str | None = None


@dataclass(frozen=True)
class Abbreviations:
    style: Style
    rules: tuple[AbbreviationRule, ...]
    org_terms: tuple[AbbreviationRule, ...]


@dataclass(frozen=True)
class FamilyThresholds:
    head: float
    keyword: float
    near_miss: float
    review: float
    unknown: float


@dataclass(frozen=True)
class Family:
    name: str
    heads: str | tuple[str, ...]
    keywords: str | tuple[str, ...] | None = None
    head_only: bool = False


@dataclass(frozen=True)
class Families:
    thresholds: FamilyThresholds
    ignore_prefixes: tuple[str, ...]
    families: tuple[Family, ...]


@dataclass(frozen=True)
class PenanggungJawab:
    review_score: float
    head_to_unit: dict[str, str] | None = None


@dataclass(frozen=True)
class OrgTerms:
    penanggung_jawab: PenanggungJawab
    acronyms: dict[str, str] | None = None


@dataclass(frozen=True)
class PlaceWords:
    kecamatan: tuple[str, ...]
    kabupaten: tuple[str, ...]


@dataclass(frozen=True)
class WilayahThresholds:
    fuzzy: float
    kabupaten: float
    kabupaten_soft: float
    margin: float
    review: float
    candidates: float


@dataclass(frozen=True)
class Aliases:
    kecamatan: dict[str, str] = field(default_factory=dict)
    kabupaten: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Wilayah:
    prefixes: PlaceWords
    thresholds: WilayahThresholds
    aliases: Aliases = field(default_factory=Aliases)


# --- parsers/data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Confusions:
    sequences: dict[str, str]
    characters: dict[str, str]


@dataclass(frozen=True)
class OcrVocab:
    min_score: float
    max_confidence: float
    min_length: int
    confusions: Confusions
    data_files: tuple[str, ...]
    bullet_readings: str
    colon_readings: str
    roman_one_after: tuple[str, ...]
    percent_readings: Regex
    times_readings: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class SpellCosts:
    look_alike: float
    sequence: float
    thin: float
    other: float


@dataclass(frozen=True)
class SpellShapes:
    fonts: tuple[str, ...]
    font_dirs: tuple[str, ...]
    render_px: int
    blur_pt: float
    crop_blur_pt: float
    ink: float
    pad_pt: float
    min_length: int
    sure_conf: float
    font_words: int
    candidates: int
    max_distance: float
    frequency_weight: float
    edit_weight: float
    margin: float
    min_match: float
    known_min_match: float


@dataclass(frozen=True)
class OcrSpell:
    min_length: int
    max_cost_per_letter: float
    margin: float
    frequency_weight: float
    vocabulary_zipf: float
    rare_zipf: float
    sure_conf: float
    candidates: int
    max_distance: float
    costs: SpellCosts
    look_alikes: tuple[str, ...]
    sequences: dict[str, str]
    thin: str
    number_margin: float
    page_conf: float
    page_bonus: float
    page_cost_per_letter: float
    page_max_distance: float
    acronym_min_length: int
    acronym_edits_per_letter: float
    acronym_tie_odds: float
    shapes: SpellShapes


@dataclass(frozen=True)
class OcrSecond:
    enabled: bool
    low_dpi: float
    line_conf: float
    line_mean: float
    line_margin: float
    line_pad_pt: float
    line_context: float
    min_score: float


@dataclass(frozen=True)
class TextLayer:
    min_score: float
    min_tokens: float
    short_share_allowed: float


@dataclass(frozen=True)
class PdfJunk:
    margin_share: float
    page_number: tuple[Regex, ...]
    footer: tuple[Regex, ...]
    address: tuple[Regex, ...]
    contact: tuple[Regex, ...]
    letterhead_zone: float
    letterhead_rule_share: float


# --- parsers/data/renderings.yaml ------------------------------------------------------------


@dataclass(frozen=True)
class LayoutSettings:
    min_header_cells: int
    max_blank_lines: int
    max_gap_lines: int
    gutter_crossing_share: float
    header_gutter_share: float
    page_grid_crossing_share: float
    min_lines: int
    quality: float


@dataclass(frozen=True)
class RunTogether:
    split_before: tuple[Regex, ...]
    bare_label: Regex
    lone_number: Regex
    value_line: Regex


@dataclass(frozen=True)
class MarkdownSettings:
    fragment_min_columns: int
    fragment_single_word_share: float
    fragment_confidence: float
    unsplit_min_cells: int
    unsplit_min_phrases: int
    unsplit_phrase_share: float


@dataclass(frozen=True)
class RunTogetherTables:
    header_starts: tuple[str, ...]
    stop_at: tuple[Regex, ...]
    title_min_letters: int
    unsure_confidence: float
    min_sure_share: float
    justified_single_word_share: float
    bullets: tuple[str, ...]
    padded_separator: Regex
    column_vocab_bonus: float
    anchored_min_placed_share: float
    anchored_sure_share: float
    anchored_phrase_share: float
    item_lookback_lines: int
    continuation_weight: float
    overlong_factor: float
    overlong_min_known: int
    decode_max_words: int
    decode_length_weight: float
    sasaran_measure_malus: float


@dataclass(frozen=True)
class CellBoundaries:
    source_words: tuple[str, ...]
    operators: tuple[str, ...]
    cut_probability: float
    sure_probability: float
    recut_floor: float
    sharp_cut_probability: float


@dataclass(frozen=True)
class ColumnDump:
    min_columns: int
    label_max_lines: int
    list_bullets: tuple[str, ...]
    item_ends: tuple[str, ...]
    rebuilt_quality: float


@dataclass(frozen=True)
class ListTable:
    min_items: int
    min_item_words: int
    max_item_words: int
    item_marker: str
    refused_ends: tuple[str, ...]
    refused_marks: tuple[str, ...]
    quality: float


@dataclass(frozen=True)
class Renderings:
    layout: LayoutSettings
    run_together: RunTogether
    markdown: MarkdownSettings
    run_together_tables: RunTogetherTables
    cell_boundaries: CellBoundaries
    column_dump: ColumnDump
    list_table: ListTable
