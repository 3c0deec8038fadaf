"""SIP-guiden action server: Rasa custom actions plus the case store and domain rules."""
