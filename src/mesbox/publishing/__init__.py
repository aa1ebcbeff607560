"""Stage 6, publishing: what a build writes beside the pages. Open-data exports, the feed, the search index,
the web editor's configuration, the sanitiser's audit of the output and the content security policy.
"""
