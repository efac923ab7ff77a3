"""The vocabulary files load through one checked loader; a broken file names its file and key."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import vocabulary
from vocabulary import FILES, VocabularyError, check_all, load, parse_file, read_yaml
from vocabulary.links import check_abbreviations, check_ocr_vocab
from vocabulary.schemas import Abbreviations, Columns, Labels, Language, OcrVocab

ROOT = Path(__file__).resolve().parent.parent


def _shipped(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def test_every_shipped_file_matches_its_schema() -> None:
    check_all()
    assert {p.split("/")[0] for p in FILES} == {"structure", "normalizers", "parsers"}
    for path in FILES:
        assert (ROOT / path).is_file(), path


def test_every_yaml_data_file_has_a_schema() -> None:
    shipped = {
        str(p.relative_to(ROOT))
        for d in ("structure", "normalizers", "parsers")
        for p in (ROOT / d).glob("data/*.yaml")
    }
    assert shipped == set(FILES)


def test_typo_in_a_top_level_key_names_file_and_key() -> None:
    text = _shipped("structure/data/columns.yaml").replace("\nheader_words:", "\nheader_wrods:")
    with pytest.raises(VocabularyError) as err:
        parse_file(Columns, text, "structure/data/columns.yaml")
    assert err.value.file == "structure/data/columns.yaml"
    assert err.value.key == "header_wrods"
    assert str(err.value).startswith("structure/data/columns.yaml: header_wrods: unknown key")


def test_typo_in_a_nested_key_names_its_path() -> None:
    text = _shipped("structure/data/columns.yaml").replace("  min_share:", "  min_shares:")
    with pytest.raises(VocabularyError, match=r"columns\.yaml: number_row\.min_shares: unknown key"):
        parse_file(Columns, text, "structure/data/columns.yaml")


def test_typo_inside_a_list_of_records_names_the_entry() -> None:
    text = _shipped("structure/data/columns.yaml").replace(
        "  - column: formula\n    keywords:", "  - column: formula\n    keyword:", 1
    )
    with pytest.raises(VocabularyError) as err:
        parse_file(Columns, text, "columns.yaml")
    formula_rule = [r.column for r in load(Columns).rules].index("formula")
    assert err.value.key == f"rules[{formula_rule}].keyword"
    assert err.value.problem.startswith("unknown key")


def test_values_that_name_pipeline_things_are_checked() -> None:
    """A column rule must name a known column; field-label kinds are fixed keys."""
    text = _shipped("structure/data/columns.yaml").replace("column: sumber_data", "column: sumberdata")
    rule = [r.column for r in load(Columns).rules].index("sumber_data")
    expected = rf"rules\[{rule}\]\.column: 'sumberdata' is not one of: cascade, "
    with pytest.raises(VocabularyError, match=expected):
        parse_file(Columns, text, "columns.yaml")
    text = _shipped("structure/data/labels.yaml").replace("  fungsi: [fungsi]", "  fungsii: [fungsi]")
    with pytest.raises(VocabularyError, match=r"labels\.yaml: fields\.fungsii: unknown key"):
        parse_file(Labels, text, "labels.yaml")


def test_missing_key_is_an_error() -> None:
    text = _shipped("structure/data/labels.yaml").replace("\nmonths:", "\n# months:")
    with pytest.raises(VocabularyError) as err:
        parse_file(Labels, text, "structure/data/labels.yaml")
    assert (err.value.key, err.value.problem) == ("months", "missing key")


def test_wrong_type_is_an_error() -> None:
    text = _shipped("structure/data/columns.yaml").replace(
        "header_word_min_score: 70", "header_word_min_score: high"
    )
    with pytest.raises(VocabularyError, match=r"header_word_min_score: expected float, got str"):
        parse_file(Columns, text, "columns.yaml")
    with pytest.raises(VocabularyError, match=r"conjunctions: expected a list, got str"):
        parse_file(
            Language,
            _shipped("structure/data/language.yaml").replace(
                "conjunctions: [dan, serta]", "conjunctions: dan"
            ),
            "x",
        )


def test_bad_regular_expression_is_an_error() -> None:
    from vocabulary.schemas import Formula

    text = _shipped("normalizers/data/formula.yaml").replace("rule_pattern: '[", "rule_pattern: '(")
    with pytest.raises(VocabularyError, match=r"rule_pattern: not a valid regular expression"):
        parse_file(Formula, text, "formula.yaml")


def test_a_use_naming_no_rule_is_an_error() -> None:
    text = _shipped("normalizers/data/jabatan_abbreviations.yaml").replace("use: kasi", "use: kasie", 1)
    data = parse_file(Abbreviations, text, "normalizers/data/jabatan_abbreviations.yaml")
    with pytest.raises(
        VocabularyError, match=r"jabatan_abbreviations\.yaml: org_terms\[\d+\]\.use: no rule has id 'kasie'"
    ):
        check_abbreviations(data)


def test_an_unknown_ocr_data_file_is_an_error() -> None:
    text = _shipped("parsers/data/ocr_vocab.yaml").replace(
        "  - structure/data/labels.yaml", "  - structure/data/label.yaml"
    )
    data = parse_file(OcrVocab, text, "parsers/data/ocr_vocab.yaml")
    with pytest.raises(
        VocabularyError, match=r"ocr_vocab\.yaml: data_files\[1\]: 'structure/data/label\.yaml' is not"
    ):
        check_ocr_vocab(data, FILES)


def test_yaml_syntax_error_names_the_file() -> None:
    with pytest.raises(VocabularyError, match=r"^labels\.yaml: \(syntax\): "):
        parse_file(Labels, "fields: [unclosed", "labels.yaml")


def test_terms_are_defined_once() -> None:
    """Measure and function words live in language.yaml only; no other file repeats the lists."""
    for path in FILES:
        data = read_yaml(path)
        if path != "structure/data/language.yaml":
            assert "measure_words" not in str(list(_keys(data))), path
            assert "function_words" not in set(_keys(data)), path
    measures = vocabulary.load(Language).measures
    keywords = [k for m in measures for k in m.keywords]
    assert len(keywords) == len(set(keywords))


def _keys(node: object) -> list[str]:
    if isinstance(node, dict):
        return [*map(str, node), *(k for v in node.values() for k in _keys(v))]
    if isinstance(node, list):
        return [k for v in node for k in _keys(v)]
    return []


def test_cli_stops_at_start_up_on_a_broken_vocabulary_file(tmp_path: Path) -> None:
    """A typo'd key stops the run with exit 2 and the file + key, before any document is read."""
    src = tmp_path / "src"  # a copy of the code, so the shipped data file stays as it is
    for pkg in ("problems", "parsers", "structure", "normalizers", "pipeline", "vocabulary"):
        shutil.copytree(ROOT / pkg, src / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    labels = src / "structure/data/labels.yaml"
    labels.write_text(
        labels.read_text(encoding="utf-8").replace("\nheadings:", "\nheadigns:"), encoding="utf-8"
    )
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Jabatan : Camat\n", encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "extract",
            str(raw),
            "--out",
            str(tmp_path / "out"),
            "--workers",
            "0",
        ],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert "structure/data/labels.yaml: headigns: unknown key" in " ".join(run.stderr.split())
    assert not (tmp_path / "out" / "documents.parquet").exists()
