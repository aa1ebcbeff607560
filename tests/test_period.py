"""The period an entry reports: ISO 8601 dates of reduced precision or intervals, said in French."""

from __future__ import annotations

import datetime

import pytest

from mesbox.contract.period import french_period, parse_period


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2017", "2017"),
        ("2021-04", "avril 2021"),
        ("2017-11-29", "29 novembre 2017"),
        ("2021-04-01", "1er avril 2021"),
        ("2020/2022", "de 2020 à 2022"),
        ("2021-04/2022-03", "d'avril 2021 à mars 2022"),
        ("2023-01/2024-04", "de janvier 2023 à avril 2024"),
        ("2021-04-01/2022-12-31", "du 1er avril 2021 au 31 décembre 2022"),
    ],
)
def test_periods_in_french(text: str, words: str) -> None:
    assert french_period(text) == words


def test_an_interval_spans_whole_months_and_years() -> None:
    start, end = parse_period("2022-02/2022")
    assert start.first == datetime.date(2022, 2, 1)
    assert end is not None and end.last == datetime.date(2022, 12, 31)
    assert parse_period("2024-02")[0].last == datetime.date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["", "17", "2021-4", "2021-13", "2021-02-30", "2022/2021", "2022-05/2022-04", "2021/", "29/11/2017", "2021-04/2022-03/2023"]
)
def test_what_is_not_a_period(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)
