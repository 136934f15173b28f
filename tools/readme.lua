-- Unwrap nbdev's processed notebook for a GitHub README.
-- Cells become plain blocks: code stays a fenced python block, text outputs a plain fenced block,
-- rich outputs keep their markdown/image, and nbdev's directive comments are dropped.

local function strip_directives(text)
  local kept = {}
  for line in (text .. "\n"):gmatch("(.-)\n") do
    if not line:match("^#|") then table.insert(kept, line) end
  end
  while #kept > 0 and kept[#kept] == "" do table.remove(kept) end
  return table.concat(kept, "\n")
end

function Div(el)
  if el.classes:includes("cell") or el.classes:includes("cell-output") or el.classes:includes("output") then
    return el.content
  end
end

function CodeBlock(el)
  if el.classes:includes("python") or el.classes:includes("code") then
    local text = strip_directives(el.text)
    if text == "" then return {} end
    return pandoc.CodeBlock(text, {class = "python"})
  end
  if #el.classes == 0 then return pandoc.CodeBlock(el.text, {class = "text"}) end
end

function RawBlock(el)
  -- front matter and HTML comments are handled by build_readme.py
  if el.format == "html" and el.text:match("^<!%-%-") then return {} end
end
