# fuzz_facts (2026-11-22): invalid UTF-8 in the name of a \N{...} escape of
# an f-string, which the scanner skipped unchecked


class Query:
 eugine.execute(self.session, f"SETCLE * \N{DAS¸‚“™Ñ’œel.__tablename__üüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüagainüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüü}")
