"""The report stage: compare two revisions of the data and write the pull-request change report.

Only the command line uses it; no page does.
"""
