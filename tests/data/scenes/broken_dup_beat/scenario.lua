scenario { id = "broken", languages = { "da", "en" }, start = "a" }
cast { { id = "sofie", name = "Sofie", color = "#e07a5f" } }
beat "a" { ending = "x" }
beat "b" { ending = "y" }
beat "a" { ending = "z" }
