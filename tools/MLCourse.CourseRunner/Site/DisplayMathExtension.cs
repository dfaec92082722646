using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace MLCourse.CourseRunner.Site;

/// <summary>
/// The course's math in Markdown: on top of Markdig's <c>UseMathematics()</c> (math blocks between
/// <c>$$</c> lines, inline <c>$…$</c> on one line), <see cref="DisplayMathParser"/> takes display
/// formulas <c>$$…$$</c> wherever they stand, and every formula is written for KaTeX's
/// auto-render: inline as <c>&lt;span class="math"&gt;\(…\)&lt;/span&gt;</c>, display as
/// <c>&lt;span class="math display"&gt;\[…\]&lt;/span&gt;</c>, its TeX HTML-escaped and otherwise untouched.
/// </summary>
/// <remarks>Add it after <c>UseMathematics()</c>: it replaces that extension's inline renderer.</remarks>
public sealed class DisplayMathExtension : IMarkdownExtension
{
    /// <summary>Puts <see cref="DisplayMathParser"/> before Markdig's <see cref="MathInlineParser"/>.</summary>
    /// <param name="pipeline">The pipeline being built; must already use Markdig's mathematics extension.</param>
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<MathInlineParser>())
        {
            throw new InvalidOperationException(
                "DisplayMathExtension: the pipeline must call UseMathematics() first; expected a MathInlineParser among its inline parsers, found none.");
        }
        pipeline.InlineParsers.InsertBefore<MathInlineParser>(new DisplayMathParser());
    }

    /// <summary>Replaces the inline math renderer with one that tells display from inline formulas.</summary>
    /// <param name="pipeline">The built pipeline.</param>
    /// <param name="renderer">The renderer; only an <see cref="HtmlRenderer"/> is changed.</param>
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            html.ObjectRenderers.ReplaceOrAdd<HtmlMathInlineRenderer>(new FormulaRenderer());
        }
    }

    // KaTeX's auto-render reads \( \) as inline and \[ \] as display math.
    private sealed class FormulaRenderer : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline formula)
        {
            bool display = formula.DelimiterCount == 2;
            if (display)
            {
                formula.GetAttributes().AddClass("display");
            }
            renderer.Write("<span").WriteAttributes(formula).Write(display ? @">\[" : @">\(");
            renderer.WriteEscape(ref formula.Content);
            renderer.Write(display ? @"\]</span>" : @"\)</span>");
        }
    }
}
