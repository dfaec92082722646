using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace MLCourse.CourseRunner.Site;

/// <summary>
/// Parses display math <c>$$…$$</c> that stands inside a paragraph, a blockquote or a list item
/// and may run over several lines — the way the course notes write it. Markdig's own math
/// extension takes <c>$$</c> only on lines of their own (a math block) or on one line, so
/// without this parser such a formula is read as Markdown: <c>\\</c> becomes <c>\</c>,
/// <c>\,</c> becomes <c>,</c> and KaTeX never sees it.
/// </summary>
/// <remarks>
/// The formula becomes a <see cref="MathInline"/> with <see cref="MathInline.DelimiterCount"/> 2,
/// its TeX untouched (no escapes, no emphasis); <see cref="DisplayMathExtension"/> renders it as
/// <c>\[…\]</c> for KaTeX. A backslash hides the next character, so <c>\$</c> inside a formula
/// does not close it. <c>$$</c> without a closing <c>$$</c> in the same paragraph, or with nothing
/// between, is left to the other parsers.
/// </remarks>
public sealed class DisplayMathParser : InlineParser
{
    /// <summary>Creates the parser; it opens on <c>$</c>.</summary>
    public DisplayMathParser() => OpeningCharacters = ['$'];

    /// <summary>Matches <c>$$</c>, the formula up to the next unescaped <c>$$</c> (across lines), and that <c>$$</c>.</summary>
    /// <param name="processor">Markdig's inline processor; receives the <see cref="MathInline"/>.</param>
    /// <param name="slice">The paragraph's text from the first <c>$</c>; advanced past the closing <c>$$</c> on a match.</param>
    /// <returns>Whether a display formula starts here.</returns>
    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekCharExtra(-1) == '$' || slice.PeekChar() != '$')
        {
            return false;
        }
        string text = slice.Text;
        int open = slice.Start;
        int start = open + 2;
        int close = -1;
        for (int i = start; i < slice.End; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '$' && text[i + 1] == '$')
            {
                close = i;
                break;
            }
        }
        if (close <= start)
        {
            return false;
        }
        var formula = new MathInline
        {
            Span = new SourceSpan(processor.GetSourcePosition(open, out int line, out int column), processor.GetSourcePosition(close + 1)),
            Line = line,
            Column = column,
            Delimiter = '$',
            DelimiterCount = 2,
            Content = new StringSlice(text, start, close - 1),
        };
        formula.GetAttributes().AddClass("math");
        processor.Inline = formula;
        slice.Start = close + 2;
        return true;
    }
}
