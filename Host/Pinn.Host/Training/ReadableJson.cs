using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pinn.Host.Training;

/// <summary>How the files people read are serialised (summary.json, manifest.resolved.json, model.json, results and bench
/// JSON): indented, and with every character as it is — ≤, —, φ and quotes, not \u2264, \u2014, \u03C6, \u0022 —, which
/// any JSON reader reads the same.</summary>
internal static class ReadableJson
{
    /// <param name="naming">The property naming policy (camelCase for .NET records), or none.</param>
    public static JsonSerializerOptions Options(JsonNamingPolicy? naming = null) => new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = naming,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // a diverged run's NaN loss is written, not refused
    };
}
