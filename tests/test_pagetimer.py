"""The backstop on one page's conversion time: a page that takes too long stops the build with its name."""

from __future__ import annotations

import signal
import time

import pytest
from mkdocs.exceptions import PluginError

from mesbox.mkdocs_plugin.pagetimer import PageTimer


def test_a_conversion_past_the_bound_stops_with_the_page_name() -> None:
    before = signal.getsignal(signal.SIGALRM)
    timer = PageTimer(0.05)
    timer.start("fiches/lente.md")
    with pytest.raises(PluginError, match="fiches/lente.md"):
        time.sleep(30)  # interrupted by the alarm long before
    timer.stop()
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_page_converted_in_time_disarms_the_alarm() -> None:
    before = signal.getsignal(signal.SIGALRM)
    timer = PageTimer(30)
    timer.start("fiches/rapide.md")
    assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    timer.stop()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_zero_means_no_bound() -> None:
    timer = PageTimer(0)
    timer.start("fiches/x.md")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    timer.stop()
