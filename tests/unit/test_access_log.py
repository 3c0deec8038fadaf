"""The web app's access log keeps no IP address, Referer or User-Agent (channels/webapp.py ACCESS_LOG_FORMAT),
checked on a real aiohttp server's log line."""
from __future__ import annotations

import logging

from aiohttp.test_utils import TestClient, TestServer

from channels.webapp import ACCESS_LOG_FORMAT, create_app


async def test_an_access_log_line_names_no_client(caplog):
    server = TestServer(create_app())
    # The runner's options, as web.run_app passes them in channels.webapp.main.
    await server.start_server(access_log_format=ACCESS_LOG_FORMAT)
    client = TestClient(server)
    await client.start_server()
    try:
        with caplog.at_level(logging.INFO, logger="aiohttp.access"):
            response = await client.get("/health", headers={"User-Agent": "Persona-Phone/1.0",
                                                            "Referer": "https://skolan.example/elev"})
            assert response.status == 200
    finally:
        await client.close()
    lines = [r.getMessage() for r in caplog.records if r.name == "aiohttp.access"]
    assert lines and "/health" in lines[-1] and " 200 " in lines[-1]
    assert "127.0.0.1" not in lines[-1] and "Persona-Phone" not in lines[-1] and "skolan.example" not in lines[-1]
