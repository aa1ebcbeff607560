"""mesbox: check and publish the MES toolbox, a digital commons."""

__version__ = "0.2.0"  # the one place the version is written (pyproject.toml reads it)
