using System.Text.Json;

namespace Pinn.Host.Serving;

/// <summary>
/// The body of <c>POST /predict</c>, read and checked by hand so that every mistake gets a message naming where it is:
/// <c>{"points": [[x₁, …, x_d], …], "derivatives": ["u_x", …]}</c> (derivatives optional).
/// </summary>
internal sealed record PredictRequest(double[] Values, int Rows, IReadOnlyList<string> Derivatives)
{
    /// <summary>Parses <paramref name="body"/> for a model of <paramref name="width"/> inputs named <paramref name="inputs"/>;
    /// returns null and a message when it is not a valid request.</summary>
    public static (PredictRequest? Request, string? Error) Parse(ReadOnlySpan<byte> body, int width, IReadOnlyList<string> inputs, int maxPoints)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return (null, $"the body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "the body must be a JSON object {\"points\": [[...], ...]}");
            foreach (var property in root.EnumerateObject())
                if (property.Name is not ("points" or "derivatives"))
                    return (null, $"unknown field '{property.Name}' (allowed: points, derivatives)");
            if (!root.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array)
                return (null, $"'points' must be an array of points, each an array of {width} numbers ({string.Join(", ", inputs)})");
            var rows = points.GetArrayLength();
            if (rows == 0) return (null, "'points' is empty");
            if (rows > maxPoints) return (null, $"'points' has {rows} points, more than the {maxPoints} a request may have");
            var values = new double[rows * width];
            var i = 0;
            foreach (var point in points.EnumerateArray())
            {
                if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() != width)
                    return (null, $"points[{i}] must be an array of {width} numbers ({string.Join(", ", inputs)})"
                                  + (point.ValueKind == JsonValueKind.Array ? $", it has {point.GetArrayLength()}" : ""));
                var j = 0;
                foreach (var coordinate in point.EnumerateArray())
                {
                    if (coordinate.ValueKind != JsonValueKind.Number || !coordinate.TryGetDouble(out var v) || !double.IsFinite(v))
                        return (null, $"points[{i}][{j}] ({inputs[j]}) is not a finite number");
                    values[i * width + j] = v;
                    j++;
                }
                i++;
            }
            var derivatives = new List<string>();
            if (root.TryGetProperty("derivatives", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array) return (null, "'derivatives' must be an array of names such as \"u_x\"");
                foreach (var name in list.EnumerateArray())
                {
                    if (name.ValueKind != JsonValueKind.String) return (null, "'derivatives' must be an array of names such as \"u_x\"");
                    derivatives.Add(name.GetString()!);
                }
            }
            return (new PredictRequest(values, rows, derivatives), null);
        }
    }
}
