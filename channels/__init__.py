"""Input channels for Rasa and the aiohttp web app that serves the chat page."""
