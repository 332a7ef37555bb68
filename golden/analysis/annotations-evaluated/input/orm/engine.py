def execute(session, sql):
    return session.url, sql
