"""mesbox: check and publish the MES toolbox, a digital commons."""

__version__ = "0.1.0"
