"""Plain YAML data with the place of every value.

Two paths. The careful one walks libyaml's events: it refuses anchors, aliases,
tags and duplicate keys before anything is expanded, bounds the nesting depth
(libyaml's composer recurses on the C stack and crashes on deep input), and keeps
the line and column of every key and list item. The fast one is `CSafeLoader`
itself, taken only for text where none of those features can occur; positions
are then computed by the careful path the first time an error needs one, which
for valid files is never.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
    from yaml.cyaml import CParser as _CParser

    _FAST = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]
    from yaml.parser import Parser as _CParser  # type: ignore[assignment]

    _FAST = False

from mesbox.contract.issues import Issue

MAX_DEPTH = 32
_TOO_DEEP = f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : simplifiez la structure"
Path_ = tuple[str | int, ...]

_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_START = yaml.MappingStartEvent
_SEQ_START = yaml.SequenceStartEvent
_MAP_END = yaml.MappingEndEvent
_SEQ_END = yaml.SequenceEndEvent
_SCALAR = yaml.ScalarEvent
_ALIAS = yaml.AliasEvent
_DOC_START = yaml.DocumentStartEvent
_STREAM_END = yaml.StreamEndEvent


@dataclass
class YamlData:
    """The parsed value and, for each path (keys and list indexes), where its value and its key start.

    When parsed on the fast path, the places are filled from `source` on first use.
    """

    value: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # (text, file, first line), or a function that reads them again (see `checkcache`).
    source: tuple[str, str, int] | Callable[[], tuple[str, str, int]] | None = None

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of the closest known ancestor of `path` (1-based, file lines)."""
        if self.source is not None:
            text, rel, line_offset = self.source() if callable(self.source) else self.source
            self.source = None
            placed, _ = _parse_events(text, rel, line_offset, "E002")
            self.values, self.keys = placed.values, placed.keys
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or (self.keys.get(path[:end]) if end else None)
            if found:
                return found
        return (1, 1)


# First characters that can make a plain scalar anything but text (digits, signs, y/n/t/f/o, ~, …).
_RESOLVABLE_FIRST = frozenset(key for key in _resolver.yaml_implicit_resolvers if key)


def _scalar(event: yaml.ScalarEvent) -> Any:
    """Resolve a plain scalar as YAML 1.1's safe schema does (int, bool, date, null…); quoted ones stay text."""
    value = event.value
    if not event.implicit[0] or (value and value[0] not in _RESOLVABLE_FIRST):
        return value
    tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STR_TAG:
        return event.value
    construct = _constructor.yaml_constructors.get(tag)
    if construct is None:  # merge (`<<`) and value (`=`) keys are plain text here
        return value
    try:
        return construct(_constructor, yaml.ScalarNode(tag, value))
    except (ValueError, OverflowError, yaml.YAMLError):
        return event.value


class _Unsafe(Exception):
    """The fast path met something only the careful path may judge."""


_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class _FastLoader(_CParser, yaml.resolver.Resolver):  # type: ignore[misc, valid-type]
    """libyaml's composer with a lean resolver and converter, for text `_plain` has cleared.

    Same values as SafeLoader; mapping keys are kept as written (like the careful path);
    a duplicate key or anything unexpected is handed back to the careful path.
    """

    def __init__(self, stream: str) -> None:
        _CParser.__init__(self, stream)
        yaml.resolver.Resolver.__init__(self)

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:  # type: ignore[override]
        # Most front-matter scalars are words: their first character alone says they are text.
        if kind is yaml.ScalarNode and implicit[0] and value and value[0] not in _RESOLVABLE_FIRST:
            return _STR_TAG
        if kind is yaml.SequenceNode:
            return _SEQ_TAG
        if kind is yaml.MappingNode:
            return _MAP_TAG
        return _resolver.resolve(kind, value, implicit)

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def data(self) -> Any:
        node = self.get_single_node()
        return None if node is None else _convert(node)


def _convert(node: yaml.Node, depth: int = 0) -> Any:
    """Node tree to plain data; deeper than MAX_DEPTH it hands over to the careful path, which reports it."""
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR_TAG:
            return node.value
        construct = _constructor.yaml_constructors.get(node.tag)
        if construct is None:
            raise _Unsafe
        return construct(_constructor, node)
    if depth >= MAX_DEPTH:
        raise _Unsafe
    if kind is yaml.SequenceNode:
        return [_convert(item, depth + 1) for item in node.value]
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not yaml.ScalarNode or key_node.value in mapping:
            raise _Unsafe
        mapping[key_node.value] = _convert(value_node, depth + 1)
    return mapping


# Anchors, aliases, tags and merge keys need the careful path; so does any text
# that could nest deeper than a few levels on one line (flow brackets, `- - -`).
_NESTED_ON_ONE_LINE = re.compile(r"[-?][ \t]+[-?]")
_MAX_FLOW = 16


def _plain(text: str) -> bool:
    """True when the text can hold no anchor, alias, tag, merge key or deep nesting."""
    return (
        "&" not in text
        and "*" not in text
        and "!" not in text
        and "<<" not in text
        and text.count("[") + text.count("{") <= _MAX_FLOW
        and _NESTED_ON_ONE_LINE.search(text) is None
    )


def parse_yaml(text: str, rel: str, line_offset: int, code: str = "E002") -> tuple[YamlData, list[Issue]]:
    """Parse plain-data YAML; every refused feature becomes an issue, never an exception.

    `line_offset` is the file line of the text's first line; `code` is the code for
    syntax errors (E002 in front-matter, E301 in taxonomy files).
    """
    if _FAST and _plain(text):
        loader = _FastLoader(text)
        try:
            value = loader.data()
        except (_Unsafe, yaml.YAMLError, ValueError, OverflowError, TypeError, RecursionError):
            pass
        else:
            if type(value) is dict or value is None or type(value) is list:
                return YamlData(value, source=(text, rel, line_offset)), []
        finally:
            loader.dispose()
    return _parse_events(text, rel, line_offset, code)


def _parse_events(text: str, rel: str, line_offset: int, code: str) -> tuple[YamlData, list[Issue]]:
    """The careful path: libyaml's events, one at a time, with a bounded depth."""
    data = YamlData()
    issues: list[Issue] = []
    refused = "E003"

    def here(event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        return (mark.line + line_offset, mark.column + 1)

    def refuse(event: yaml.Event, message: str) -> None:
        line, col = here(event)
        issues.append(Issue(rel, line, col, refused, message))

    # Each frame: [container, path, pending key (maps), key position]
    stack: list[list[Any]] = []
    documents = 0
    root: Any = None
    parser = None
    event: yaml.Event | None = None
    try:
        parser = _Loader(text)  # PyYAML's pure-Python reader checks every character here
        get_event = parser.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is _STREAM_END:
                break
            if kind is _DOC_START:
                documents += 1
                if documents > 1:
                    line, col = here(event)
                    issues.append(Issue(rel, line, col, code, "un seul document YAML est permis : retirez le « --- » ou « ... » en trop"))
                    break
                continue
            if kind is _MAP_END or kind is _SEQ_END:
                frame = stack.pop()
                value = frame[0]
            elif kind is _SCALAR or kind is _ALIAS or kind is _MAP_START or kind is _SEQ_START:
                if kind is _ALIAS:
                    refuse(event, f"alias « *{event.anchor} » refusé : recopiez la valeur au lieu d'y renvoyer")
                    value = None
                else:
                    if event.anchor is not None:
                        refuse(event, f"ancre « &{event.anchor} » refusée : ces données YAML ne contiennent que des valeurs simples")
                    if event.tag is not None:
                        refuse(event, f"étiquette YAML « {event.tag} » refusée : retirez-la, écrivez la valeur telle quelle")
                    if kind is _SCALAR:
                        value = _scalar(event)
                    else:
                        if len(stack) >= MAX_DEPTH:
                            line, col = here(event)
                            issues.append(Issue(rel, line, col, code, _TOO_DEEP))
                            return YamlData(), issues
                        path = _child_path(stack)
                        container: Any = {} if kind is _MAP_START else []
                        data.values.setdefault(path, here(event))
                        stack.append([container, path, _NO_KEY, None])
                        continue
            else:
                continue
            # A finished value: place it in its parent, or it is the root.
            if not stack:
                root = value
                continue
            parent = stack[-1]
            container = parent[0]
            if type(container) is list:
                index = len(container)
                container.append(value)
                if kind is _SCALAR or kind is _ALIAS:
                    data.values[parent[1] + (index,)] = here(event)
            elif parent[2] is _NO_KEY:
                if kind is not _SCALAR:
                    line, col = here(event) if kind is _ALIAS else data.values.get(parent[1] + ("?",), (1, 1))
                    issues.append(
                        Issue(
                            rel, line, col, code, "une clé doit être un simple mot (pas une liste ni un ensemble) : corrigez l'indentation"
                        )
                    )
                    parent[2] = _BAD_KEY
                    parent[3] = None
                else:
                    key = event.value
                    parent[3] = here(event)
                    if key in container:
                        line, col = parent[3]
                        issues.append(Issue(rel, line, col, refused, f"clé « {key} » en double : gardez une seule ligne « {key}: »"))
                        parent[2] = _BAD_KEY
                    else:
                        parent[2] = key
            else:
                key = parent[2]
                parent[2] = _NO_KEY
                if key is _BAD_KEY:
                    continue
                container[key] = value
                path = parent[1] + (key,)
                data.keys[path] = parent[3]
                if kind is _SCALAR or kind is _ALIAS:
                    data.values[path] = here(event)
    except yaml.MarkedYAMLError as error:
        value_done = bool(stack) and stack[-1][2] is _NO_KEY  # the last event was a value of a mapping or a list item
        issues.append(
            (value_done and _unclosed_quote(error, event, rel, line_offset, code)) or _syntax_issue(error, rel, line_offset, code)
        )
        return YamlData(), issues
    except yaml.reader.ReaderError as error:
        line, col = _reader_place(text, error.position, byte_offsets=parser is not None and not isinstance(parser, yaml.reader.Reader))
        issues.append(Issue(rel, line + line_offset - 1, col, code, _reader_problem(error)))
        return YamlData(), issues
    except (ValueError, OverflowError):
        # PyYAML's pure-Python scanner turns "\\U…" escapes into characters with chr(), unchecked.
        issues.append(
            Issue(
                rel, line_offset, 1, code, "YAML invalide : numéro de caractère invalide après « \\u » ou « \\U » entre guillemets doubles"
            )
        )
        return YamlData(), issues
    except yaml.YAMLError:
        issues.append(Issue(rel, line_offset, 1, code, "YAML invalide — vérifiez la syntaxe de l'en-tête"))
        return YamlData(), issues
    finally:
        if parser is not None:
            parser.dispose()
    data.value = root
    return data, issues


class _Marker:
    """Sentinels for the key slot of a mapping frame."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


_NO_KEY = _Marker("no key")
_BAD_KEY = _Marker("bad key")


def _child_path(stack: list[list[Any]]) -> Path_:
    """The path of the value about to be added to the innermost open container."""
    if not stack:
        return ()
    container, path, key = stack[-1][0], stack[-1][1], stack[-1][2]
    if type(container) is list:
        return path + (len(container),)
    if isinstance(key, _Marker):
        return path + ("?",)
    return path + (key,)


_DIRECTIVE = "directive YAML (ligne qui commence par « % ») invalide ou refusée : retirez cette ligne"
# libyaml's problems (CParser) and PyYAML's own (the pure-Python parser, when built without libyaml),
# in French: no English from the library reaches a contributor. First match wins; `None` means
# the position is the start of what was left open (the context mark), said in the message.
_PROBLEMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), french)
    for pattern, french in (
        (r"^exceeded maximum nesting depth", _TOO_DEEP),
        (r"^mapping values are not allowed", "« : » inattendu (mettez la valeur entre guillemets si elle contient « : »)"),
        (
            r"^found character .*cannot start any token",
            (
                "caractère inattendu (une tabulation ? utilisez des espaces ; "
                "une valeur qui commence par « @ », « ` » ou « % » se met entre guillemets)"
            ),
        ),
        (r"^could not find expected ':'", "« : » attendu après la clé"),
        (r"^(did not find expected key|expected <block end>)", "clé attendue (indentation incohérente ?)"),
        (r"^(did not find expected node content|expected the node content)", "valeur attendue"),
        (r"^found unexpected end of stream", "fin de texte inattendue (guillemet ou crochet non fermé ?)"),
        (r"^(did not find expected|expected) ',' or '\]'", "« , » ou « ] » attendu dans la liste"),
        (r"^(did not find expected|expected) ',' or '\}'", "« , » ou « } » attendu"),
        (r"^found undefined alias", "alias non défini"),
        (
            r"^(found unknown escape character|expected escape sequence)",
            "séquence d'échappement inconnue entre guillemets doubles (« \\ » s'écrit « \\\\ »)",
        ),
        (r"^did not find expected hexdecimal number", "séquence « \\x », « \\u » ou « \\U » incomplète entre guillemets doubles"),
        (r"^found invalid Unicode character escape code", "numéro de caractère invalide après « \\u » ou « \\U » entre guillemets doubles"),
        (r"^found unexpected ':'", "« : » inattendu"),
        (r"^did not find expected '-' indicator", "élément de liste « - » attendu (indentation incohérente ?)"),
        (r"^(did not find expected|expected) alphabetic or numeric character", "nom d'ancre ou d'alias invalide"),
        (r"^found a tab character (that violates|where an) indent", "tabulation dans l'indentation : utilisez des espaces"),
        (
            r"^(invalid indentation or unclosed|block sequence entries are not allowed|sequence entries are not allowed)",
            "élément de liste « - » mal placé : allez à la ligne et indentez la liste, ou écrivez-la entre crochets [a, b]",
        ),
        (r"^mapping keys are not allowed", "« ? » inattendu : mettez la valeur entre guillemets"),
        (
            r"^(did not find expected <document start>|expected '<document start>')",
            "texte en trop après les données (une ligne « ... » ou « % », ou un crochet fermant en trop ?) : retirez-le",
        ),
        (
            r"^found unexpected document (indicator|separator)",
            "ligne « --- » ou « ... » dans un texte entre guillemets : fermez le guillemet avant",
        ),
        (
            r"^(found an indentation indicator equal to 0|expected indentation indicator)",
            "indentation 0 après « | » ou « > » : indiquez un chiffre de 1 à 9, ou aucun",
        ),
        (r"^expected chomping or indentation indicators", "après « | » ou « > », seuls « + », « - » ou un chiffre sont permis"),
        (
            r"^(did not find expected comment or line break|expected a comment or a line break)",
            "texte inattendu en fin de ligne (après « | », « > », un guillemet fermant ou une directive) : allez à la ligne",
        ),
        (
            (
                r"^(found unknown directive name|could not find expected directive name|found duplicate (%YAML|YAML) directive"
                r"|found incompatible YAML document|did not find expected version number|found extremely long version number"
                r"|(did not find expected|expected a) digit|found duplicate %TAG directive|duplicate tag handle"
                r"|did not find expected whitespace$"
                r"|expected ' ')"
            ),
            _DIRECTIVE,
        ),
        (
            (
                r"^(found undefined tag handle|did not find the expected '>'|expected '>'|did not find URI escaped octet|expected URI"
                r"|did not find expected tag URI|did not find expected '!'|expected '!'|did not find expected whitespace or line break"
                r"|found non-specific tag)"
            ),
            "étiquette YAML (« ! ») invalide : retirez-la, et mettez entre guillemets une valeur qui commence par « ! »",
        ),
    )
]
# Problems about something left open: the place that matters is where it was opened.
_OPENED = re.compile(r"^(found unexpected end of stream|did not find expected ',' or|expected ',' or|invalid indentation or unclosed)")


def _unclosed_quote(error: yaml.MarkedYAMLError, last: yaml.Event | None, rel: str, line_offset: int, code: str) -> Issue | None:
    """The issue for a quote left open on its line and closed by chance further down, or None.

    `title: 'La recyclerie` followed by a line holding an apostrophe is valid up to that
    apostrophe; the parser then fails on the rest of that line (« clé attendue ») far from the
    mistake. When the error comes on the line where the last value (`last`, a quoted text spanning
    lines) ended, the place to fix is the opening quote.
    """
    mark = error.problem_mark
    if type(last) is not _SCALAR or last.style not in ("'", '"') or mark is None:
        return None
    start, end = last.start_mark, last.end_mark
    if end.line == start.line or mark.line != end.line:
        return None
    line = start.line + line_offset
    quote = last.style
    if quote == "'":
        inside = "une apostrophe dans le texte s'écrit « '' », ou mettez le texte entre guillemets doubles « \" »"
    else:
        inside = "un guillemet dans le texte s'écrit « \\\" »"
    return Issue(
        rel,
        line,
        start.column + 1,
        code,
        f"YAML invalide : guillemet « {quote} » ouvert ligne {line} non refermé sur sa ligne (le texte se poursuit jusqu'à la "
        f"ligne {end.line + line_offset}) — ajoutez « {quote} » à la fin de la valeur, ligne {line} ; {inside}",
    )


def _syntax_issue(error: yaml.MarkedYAMLError, rel: str, line_offset: int, code: str) -> Issue:
    """A libyaml (or PyYAML) syntax error as an issue: French text, file line and column."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    french = _french_problem(problem, context)
    opened = error.context_mark if _OPENED.match(problem) else None
    if opened is not None and mark is not None and opened.line != mark.line:
        # Left open: the place to fix is where it was opened, not where the parser gave up.
        opener = (
            "guillemet"
            if "quoted" in context
            else "crochet « [ »"
            if "sequence" in context
            else "accolade « { »"
            if "flow" in context
            else None
        )
        if opener:
            french = f"{opener} ouvert ici, pas fermé avant la ligne {mark.line + line_offset}"
        mark = opened
    line = (mark.line + line_offset) if mark else line_offset
    col = (mark.column + 1) if mark else 1
    if french == _TOO_DEEP:
        # libyaml >= 0.2.5 (bundled from PyYAML 6.0.3) stops deep input itself, sometimes before our own bound.
        return Issue(rel, line, col, code, _TOO_DEEP)
    return Issue(rel, line, col, code, f"YAML invalide : {french} — vérifiez l'indentation, les « : » et les guillemets")


def _french_problem(problem: str, context: str = "") -> str:
    """The French reading of a parser's problem; never the English text itself."""
    if "directive" in context:
        return _DIRECTIVE
    for pattern, french in _PROBLEMS:
        if pattern.match(problem):
            return french
    return "syntaxe incorrecte"


def _reader_place(text: str, position: int, byte_offsets: bool) -> tuple[int, int]:
    """Line and column (1-based, within `text`) of a reader error: libyaml counts UTF-8 bytes, PyYAML characters."""
    before = text.encode("utf-8")[:position].decode("utf-8", errors="ignore") if byte_offsets else text[:position]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _reader_problem(error: yaml.reader.ReaderError) -> str:
    """A character YAML refuses (control characters, non-characters) named by its code point."""
    character = error.character
    if isinstance(character, int):
        name = f"U+{character:04X}"
    elif isinstance(character, str) and len(character) == 1:
        name = f"U+{ord(character):04X}"
    else:
        name = "invisible"
    return f"YAML invalide : caractère {name} interdit (caractère de contrôle ou non-caractère, souvent copié-collé) : retirez-le"
