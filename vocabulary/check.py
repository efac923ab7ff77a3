"""Parsed YAML -> frozen dataclass, key by key: an unknown, missing or mistyped key is an error.

The schema of a vocabulary file is a frozen dataclass whose field types say what the YAML must
hold: `str`, `int`, `float`, `bool`, `Literal[...]` (one of fixed words), `tuple[T, ...]` (a YAML
list), `dict[str, T]` (a mapping with free keys), another dataclass (a mapping with fixed keys), and
unions of these with `None`. A field
with a default may be left out of the file. Integers are accepted where a float is expected.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from vocabulary.schemas import Regex

T = TypeVar("T")


class VocabularyError(ValueError):
    """A vocabulary file that does not match its schema: names the file and the key."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"{file}: {key}: {problem}")
        self.file, self.key, self.problem = file, key, problem


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def _union(tp: Any, value: Any, file: str, key: str) -> Any:
    options = get_args(tp)
    if value is None:
        if type(None) in options:
            return None
        raise VocabularyError(file, key, "must not be empty")
    errors: list[VocabularyError] = []
    for option in (o for o in options if o is not type(None)):
        try:
            return convert(option, value, file, key)
        except VocabularyError as err:
            errors.append(err)
    if len(errors) == 1:
        raise errors[0]
    raise VocabularyError(file, key, f"expected {_type_name(tp)}, got {type(value).__name__}")


def _scalar(tp: type, value: Any, file: str, key: str) -> Any:
    if tp is Regex:
        text = _scalar(str, value, file, key)
        try:
            re.compile(text)
        except re.error as err:
            raise VocabularyError(file, key, f"not a valid regular expression ({err})") from None
        return Regex(text)
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp is str and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # YAML reads a bare "100" as a number; a word list may hold one
    if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
        raise VocabularyError(file, key, f"expected {tp.__name__}, got {type(value).__name__}")
    return value


def _record(cls: type[T], value: Any, file: str, key: str) -> T:
    if not isinstance(value, dict):
        raise VocabularyError(file, key or "(top level)", f"expected a mapping, got {type(value).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    prefix = f"{key}." if key else ""
    for name in value:
        if name not in fields:
            known = ", ".join(sorted(fields))
            raise VocabularyError(file, f"{prefix}{name}", f"unknown key (known: {known})")
    kwargs: dict[str, Any] = {}
    for name, spec in fields.items():
        if name not in value:
            no_default = spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
            if no_default:
                raise VocabularyError(file, f"{prefix}{name}", "missing key")
            continue
        hint = _hints(cls)[name]  # type: ignore[arg-type]  # a class is hashable
        kwargs[name] = convert(hint, value[name], file, f"{prefix}{name}")
    return cls(**kwargs)


def convert(tp: Any, value: Any, file: str, key: str = "") -> Any:
    """`value` checked against the type `tp` and built into it; `key` is its dotted path."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return _union(tp, value, file, key)
    if value is None:
        raise VocabularyError(file, key, "must not be empty")
    if origin is Literal:
        if value not in get_args(tp):
            known = ", ".join(map(str, get_args(tp)))
            raise VocabularyError(file, key, f"'{value}' is not one of: {known}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise VocabularyError(file, key, f"expected a list, got {type(value).__name__}")
        item = get_args(tp)[0]
        return tuple(convert(item, v, file, f"{key}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise VocabularyError(file, key, f"expected a mapping, got {type(value).__name__}")
        _, item = get_args(tp)
        return {str(k): convert(item, v, file, f"{key}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _record(tp, value, file, key)
    return _scalar(tp, value, file, key)


def build(cls: type[T], data: Any, file: str) -> T:
    """The whole parsed file as an instance of its schema `cls`."""
    result: T = _record(cls, data, file, "")
    return result
