"""Rich renderables built from models, and the one place a Console is made.

Never prints by itself (the CLI does, through :func:`filmlog.render.console.console`),
never touches the store. User text always enters as ``Text`` built by
:mod:`filmlog.render.text`, never as markup, so a title like ``Heat [/] x`` prints as
typed. Modules are imported by the commands that need them, so that a command pays only
for the Rich modules it draws with.
"""
