"""The thin MkDocs adapter: hands the repository to the core and mounts what it produces."""
