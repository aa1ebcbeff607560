"""The registry agrees with the models: every allowed value has its French label, every declared field exists."""

from __future__ import annotations

import ast
import types
import typing
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from mesbox.contract import registry
from mesbox.contract.registry import AUDIENCE_KEY, COLLECTIONS, TAXONOMIES, TYPE_GROUPS, reference_ids
from mesbox.contract.schemas import EntryMeta


def literal_values(annotation: Any) -> tuple[str, ...] | None:
    """The values of the `Literal` an annotation holds, through lists, unions and `Annotated`."""
    if typing.get_origin(annotation) is Literal:
        return typing.get_args(annotation)
    for arg in typing.get_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            continue
        found = literal_values(arg)
        if found is not None:
            return found
    return None


def literal_fields(model: type[BaseModel]) -> dict[str, tuple[str, ...]]:
    return {name: values for name, info in model.model_fields.items() if (values := literal_values(info.annotation)) is not None}


def test_literal_values_are_found_through_lists_and_optionals() -> None:
    class Probe(BaseModel):
        plain: Literal["a", "b"]
        listed: list[Literal["c"]] = []
        optional: Literal["d"] | None = None
        other: int = 0

    assert literal_fields(Probe) == {"plain": ("a", "b"), "listed": ("c",), "optional": ("d",)}


@pytest.mark.parametrize("declaration", [*COLLECTIONS.values(), *TAXONOMIES.values()], ids=lambda d: d.id)
def test_every_allowed_value_has_its_label_in_model_order(declaration: Any) -> None:
    found = literal_fields(declaration.model)
    assert set(declaration.labels) == set(found), f"{declaration.id}: labels {sorted(declaration.labels)}, Literal fields {sorted(found)}"
    for name, values in found.items():
        assert tuple(declaration.labels[name]) == values, f"{declaration.id}.{name}"
        assert all(label.strip() for label in declaration.labels[name].values())


def test_common_fields_hold_no_literal_the_registry_would_miss() -> None:
    assert literal_fields(EntryMeta) == {}


@pytest.mark.parametrize("collection", COLLECTIONS.values(), ids=lambda c: c.id)
def test_declared_fields_exist_in_the_model(collection: Any) -> None:
    fields = collection.model.model_fields
    for reference in collection.references:
        assert reference.field in fields, (collection.id, reference.field)
        assert reference.target is None or reference.target in COLLECTIONS
        if reference.keys_field:
            assert reference.keys_field in fields
    if collection.number_field:
        assert collection.number_field in fields
    for column in collection.csv_columns:
        assert column.name in fields or column.name.split("_", 1)[0] in fields, (collection.id, column.name)


@pytest.mark.parametrize("taxonomy", TAXONOMIES.values(), ids=lambda t: t.id)
def test_every_vocabulary_key_is_a_common_field(taxonomy: Any) -> None:
    assert taxonomy.key in EntryMeta.model_fields
    assert taxonomy.file == f"taxonomies/{taxonomy.id}.yml"


def test_ids_folders_and_urls_are_unique() -> None:
    urls = [c.url for c in COLLECTIONS.values()] + [t.url for t in TAXONOMIES.values()]
    assert len(set(urls)) == len(urls)
    assert len({c.folder for c in COLLECTIONS.values()}) == len(COLLECTIONS)


def test_reference_ids_reads_single_fields_and_lists_of_mappings() -> None:
    grid_ref = COLLECTIONS["monographies"].references[0]
    meta = types.SimpleNamespace(grid="grille-commune")
    assert reference_ids(meta, grid_ref) == ["grille-commune"]  # type: ignore[arg-type]
    assert reference_ids(types.SimpleNamespace(grid=None), grid_ref) == []  # type: ignore[arg-type]


def test_a_grouping_field_has_labels() -> None:
    for taxonomy in TAXONOMIES.values():
        assert taxonomy.group_by is None or taxonomy.group_by in taxonomy.labels, taxonomy.id


@pytest.mark.parametrize("collection", [c for c in COLLECTIONS.values() if c.grouping], ids=lambda c: c.id)
def test_a_grouped_collection_names_every_value_of_its_field(collection: Any) -> None:
    """Each labelled value has a heading and a folder, and nothing else does: no entry falls outside a group."""
    grouping = collection.grouping
    assert grouping.field in collection.model.model_fields
    assert list(grouping.headings) == list(grouping.folders) == list(collection.labels[grouping.field])


def test_one_vocabulary_of_places_and_one_of_subjects() -> None:
    assert len([t for t in TAXONOMIES.values() if t.places]) == 1
    assert len([t for t in TAXONOMIES.values() if t.subject]) == 1


def test_leads_name_kinds_of_entries() -> None:
    for taxonomy in TAXONOMIES.values():
        assert set(taxonomy.leads) <= set(TYPE_GROUPS), taxonomy.id


def test_no_module_names_a_collection_or_a_vocabulary_by_its_id() -> None:
    """Ids are compared in one place: elsewhere a collection or a vocabulary is found through a field of
    its declaration, so adding one is a declaration, not a hunt through the modules and templates."""
    ids = (
        set(COLLECTIONS)
        | {c.folder for c in COLLECTIONS.values()}
        | set(TAXONOMIES)
        | {t.key for t in TAXONOMIES.values()}
        | {AUDIENCE_KEY}
    )
    package = Path(registry.__file__).parent.parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path == Path(registry.__file__):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in ids:
                found.append(f"{path.relative_to(package)}:{node.lineno} {node.value!r}")
    for path in sorted((package / "templates").glob("*.html")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(package)} {i!r}" for i in ids if f'"{i}"' in text or f"'{i}'" in text]
    assert found == []
