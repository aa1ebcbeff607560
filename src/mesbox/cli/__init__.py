"""Stage 7, the `mesbox` command and the tools around it: argument parsing in French, scaffolding of new
entries and territories, the generated parts of the contract.
"""
