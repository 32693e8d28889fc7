using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pinn.Host.Benchmarks;

/// <summary>
/// <c>bench problems --optimizer NAME</c>: a manifest's text with its optimizer stages replaced by one stage of
/// NAME with its default options, so that the same problem, network, engine and points can be compared across
/// optimizers. Everything else of the manifest is kept; the budget is set by the benchmark.
/// </summary>
internal static class OptimizerOverride
{
    /// <summary><paramref name="manifestText"/> with <c>optimizer</c>/<c>stages</c>/<c>budget</c> replaced by
    /// <c>{"optimizer": {"name": optimizer, "options": options}, "budget": {"seconds": seconds}}</c>. Text that is not
    /// a JSON object is returned unchanged (validation then reports it).</summary>
    /// <param name="options">The optimizer's options object, or null for its defaults.</param>
    public static string Apply(string manifestText, string optimizer, JsonObject? options, double seconds)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(manifestText, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return manifestText;
        }
        if (root is not JsonObject manifest) return manifestText;
        manifest.Remove("stages");
        manifest.Remove("optimizer");
        manifest.Remove("budget");
        manifest["optimizer"] = options is null
            ? new JsonObject { ["name"] = optimizer }
            : new JsonObject { ["name"] = optimizer, ["options"] = options.DeepClone() };
        manifest["budget"] = new JsonObject { ["seconds"] = seconds };
        return manifest.ToJsonString();
    }

    /// <summary>The <c>--optimizer-options</c> text as a JSON object; null when it is not one.</summary>
    public static JsonObject? ParseOptions(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
