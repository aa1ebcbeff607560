from mesbox.cli.main import run

run()
