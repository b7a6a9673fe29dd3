# The tests' JupyterHub: examples/jupyterhub/jupyterhub_config.py as an operator would use it,
# plus what a test run needs: its own ports and state directory, configurable-http-proxy (from
# node_modules) run beside the hub, servers as local processes (SimpleLocalProcessSpawner: no system users here),
# servers that outlive a hub restart, and an admin service the tests inspect the hub with.
# Everything comes from the environment set by the harness (packages/testing/src/jupyterhub.ts
# and packages/jupyterhub/tests/hub.py).
import json
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub
load_subconfig(os.environ["VOBRIDGE_TEST_HUB_EXAMPLE"])  # noqa: F821 - provided by JupyterHub

state = Path(os.environ["VOBRIDGE_TEST_HUB_STATE"])
c.JupyterHub.hub_bind_url = os.environ["VOBRIDGE_TEST_HUB_API_URL"]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
# The proxy runs on its own, as in Zero to JupyterHub (the harness starts it; the hub reads
# CONFIGPROXY_AUTH_TOKEN): a hub restart must not take users' connections down with it.
c.ConfigurableHTTPProxy.should_start = False
c.ConfigurableHTTPProxy.api_url = os.environ["VOBRIDGE_TEST_PROXY_API_URL"]
# A hub restart leaves servers running: they must keep working across it.
c.JupyterHub.cleanup_servers = False

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
c.Spawner.cmd = [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = json.loads(os.environ.get("VOBRIDGE_TEST_SINGLEUSER_ENV", "{}"))
if os.geteuid() == 0:
    # CI and the dev machines run as root; Jupyter refuses that unless told.
    c.Spawner.args = ["--allow-root"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

c.JupyterHub.services = [{"name": "vobridge-tests", "api_token": os.environ["VOBRIDGE_TEST_HUB_ADMIN_TOKEN"]}]
c.JupyterHub.load_roles = [
    *c.JupyterHub.load_roles,
    {
        "name": "vobridge-tests",
        "scopes": ["admin:users", "admin:servers", "admin:auth_state", "tokens", "list:users", "read:users"],
        "services": ["vobridge-tests"],
    },
]
