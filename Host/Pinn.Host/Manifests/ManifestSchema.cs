using System.Text.Json.Nodes;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Plugins;
using Pinn.Host.Plugins;

namespace Pinn.Host.Manifests;

/// <summary>
/// The JSON Schema (draft 2020-12) of a manifest with the options of every discovered plugin: an editor that knows it
/// completes keys, plugin names and option names, shows their documentation and marks values of the wrong type or
/// outside their range. It mirrors what <see cref="ManifestReader"/> accepts; the reader stays the authority (it also
/// checks what a schema cannot, such as condition names and memory).
/// </summary>
internal static class ManifestSchema
{
    /// <summary>The schema for the plugins of <paramref name="catalog"/>.</summary>
    public static JsonObject For(PluginCatalog catalog)
    {
        var optimizer = Plugin(catalog, PluginKind.Optimizer, "The optimizer of this stage.");
        var budget = Object("When the stage ends: after so many steps, so many seconds, or whichever comes first.", new()
        {
            ["steps"] = Integer("Steps of this stage, ≥ 1.", 1),
            ["seconds"] = Number("Seconds of training in this stage (wall time), ≥ 0.", 0),
            ["discrepancy"] = new JsonObject
            {
                ["description"] = "Also end the stage once every named condition's root-mean-square residual is at or below its value "
                                  + "(the discrepancy principle: the data's noise σ), by condition name, > 0. Only beside steps or seconds.",
                ["type"] = "object",
                ["minProperties"] = 1,
                ["additionalProperties"] = new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = 0 },
            },
        });
        budget["anyOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray("steps") }, new JsonObject { ["required"] = new JsonArray("seconds") });

        var problem = Plugin(catalog, PluginKind.Problem, "The problem: its conditions, domain and exact or reference solution.");
        ((JsonObject)problem["properties"]!)["weights"] = new JsonObject
        {
            ["description"] = "Weight of each condition's mean squared residual in the loss, by condition name (default 1), > 0.",
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = 0 },
        };

        var sampler = Plugin(catalog, PluginKind.Sampler, "How collocation points are drawn (default lhs).");
        var samplerProperties = (JsonObject)sampler["properties"]!;
        samplerProperties["points"] = new JsonObject
        {
            ["description"] = "Points per condition, by condition name (default: the problem's own counts).",
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
        };
        samplerProperties["resampleEvery"] = new JsonObject
        {
            ["description"] = "Draw new points every so many steps (0: never), for all conditions or by condition name.",
            ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                                      new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 } }),
        };
        sampler["required"] = new JsonArray();

        var engine = Plugin(catalog, PluginKind.Engine, "The derivative engine (default autodiff).");
        engine["required"] = new JsonArray();

        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
            ["name"] = new JsonObject
            {
                ["description"] = "The run's name: its folder is runs/<name>/. 1 to 100 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit.",
                ["type"] = "string",
                ["pattern"] = "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$",
            },
            ["seed"] = Integer("Seed of every random draw (network, points, noise), 0 … 2^53 − 1.", 0, ManifestReader.MaxSeed, 0),
            ["device"] = Enum("Where tensors live; auto uses CUDA when there is a device.", ManifestReader.Devices, "auto"),
            ["dtype"] = Enum("Floating-point type of the network and the points.", ManifestReader.DTypes, "float64"),
            ["threads"] = Integer("Torch threads for this run, 1 … 1024 (default: torch's choice).", 1, 1024),
            ["problem"] = problem,
            ["model"] = Object("The network: a multilayer perceptron.", new()
            {
                ["hidden"] = new JsonObject
                {
                    ["description"] = "Widths of the hidden layers, e.g. [64, 64].",
                    ["type"] = "array", ["minItems"] = 1,
                    ["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1 << 20 },
                },
                ["activation"] = Enum("Activation of the hidden layers.", Activation.Names, "tanh"),
                ["init"] = Enum("Initialisation of the weights.", InitializationNames.All, Initialization.Normal.Name()),
                ["initScale"] = Number("Factor on the initial weights, ≥ 0.", 0, 1.0),
                ["hardConstraints"] = new JsonObject
                {
                    ["description"] = "Impose the problem's hard constraint u = g + φ·N (its replaced conditions then hold exactly and leave the loss); only for problems that declare one.",
                    ["type"] = "boolean", ["default"] = false,
                },
                ["weightsFrom"] = new JsonObject
                {
                    ["description"] = "Start from the network of this run folder's checkpoint.bin (or this checkpoint file) instead of a random one; "
                                      + "relative to the manifest's folder, else the working directory. Same hidden widths, inputs, outputs, activation, slopes and embedding.",
                    ["type"] = "string", ["minLength"] = 1,
                },
                ["adaptiveActivation"] = Object("Trainable activation slopes σ(n·a·z) (Jagtap et al. 2020), a starting at 1/n.", new()
                {
                    ["scope"] = Enum("A slope per hidden layer (LAAF) or one for all layers (GAAF).", ManifestReader.SlopeScopes, "layer"),
                    ["factor"] = new JsonObject { ["description"] = "The fixed factor n > 0.", ["type"] = "number", ["exclusiveMinimum"] = 0, ["default"] = 10.0 },
                }),
                ["embedding"] = Object("A fixed input embedding in front of the first layer (exact in every engine): periodic inputs and/or random Fourier features.", new()
                {
                    ["periodic"] = new JsonObject
                    {
                        ["description"] = "Inputs the solution is periodic in: each enters only through cos and sin of 2πk·x/L, k = 1 … harmonics, so the network is exactly periodic.",
                        ["type"] = "array",
                        ["items"] = Object("One periodic input.", new()
                        {
                            ["axis"] = new JsonObject { ["description"] = "The input's name, as the problem names it (e.g. x).", ["type"] = "string" },
                            ["period"] = new JsonObject { ["description"] = "The period L > 0.", ["type"] = "number", ["exclusiveMinimum"] = 0 },
                            ["harmonics"] = Integer("Harmonics K.", 1, ManifestReader.MaxEmbeddingFeatures, 1),
                            ["even"] = new JsonObject { ["description"] = "Cosines only: the network is also even in this input (symmetric about 0).", ["type"] = "boolean", ["default"] = false },
                        }, "axis", "period"),
                    },
                    ["fourier"] = Object("Random Fourier features cos(2πBx), sin(2πBx) of the non-periodic inputs, B ~ N(0, σ²) drawn from the seed.", new()
                    {
                        ["features"] = Integer("Frequencies m (2m features).", 1, ManifestReader.MaxEmbeddingFeatures),
                        ["scale"] = new JsonObject { ["description"] = "σ > 0, in cycles per input unit.", ["type"] = "number", ["exclusiveMinimum"] = 0, ["default"] = 1.0 },
                    }, "features"),
                }),
                ["symmetry"] = new JsonObject
                {
                    ["description"] = "Mirror symmetries of the solution, made exact: u(x) is the signed average of the network over the reflections of x (each doubles the points evaluated).",
                    ["type"] = "array",
                    ["items"] = Object("One reflection x_i ↦ 2c − x_i.", new()
                    {
                        ["axis"] = new JsonObject { ["description"] = "The input's name, as the problem names it (e.g. x).", ["type"] = "string" },
                        ["parity"] = new JsonObject
                        {
                            ["description"] = "even (u(Rx) = u(x)) or odd (u(Rx) = −u(x)) for every output, or a list with one per output.",
                            ["oneOf"] = new JsonArray(
                                new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(ManifestReader.ParityNames.Select(n => (JsonNode)n).ToArray()) },
                                new JsonObject
                                {
                                    ["type"] = "array", ["minItems"] = 1,
                                    ["items"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(ManifestReader.ParityNames.Select(n => (JsonNode)n).ToArray()) },
                                }),
                        },
                        ["center"] = new JsonObject { ["description"] = "c, where the mirror sits on the axis.", ["type"] = "number", ["default"] = 0.0 },
                    }, "axis", "parity"),
                },
            }, "hidden"),
            ["engine"] = engine,
            ["sampler"] = sampler,
            ["weighting"] = Plugin(catalog, PluginKind.Weighting, "How the conditions' weights change while training (default: fixed, the problem's weights)."),
            ["optimizer"] = optimizer,
            ["budget"] = budget,
            ["stages"] = new JsonObject
            {
                ["description"] = "Optimizers one after another, each with its budget (instead of \"optimizer\" and \"budget\").",
                ["type"] = "array", ["minItems"] = 1,
                ["items"] = Object("One stage.", new() { ["optimizer"] = optimizer.DeepClone(), ["budget"] = budget.DeepClone() }, "optimizer", "budget"),
            },
            ["evaluation"] = Object("How often and on how many points the error is measured.", new()
            {
                ["every"] = Integer("Steps between evaluations, ≥ 1.", 1, null, 100),
                ["points"] = Integer("Evaluation points (for problems without a reference file), 1 … 10 000 000.", 1, 10_000_000, 9000),
            }),
            ["checkpointEvery"] = Integer("Write a checkpoint every so many steps, ≥ 1 (default: by time only).", 1),
            ["checkpointSeconds"] = Number("Seconds of training between checkpoints, ≥ 0 (0: none by time).", 0),
        };
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "Pinn.Plugins run manifest",
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray("name", "problem", "model"),
            ["additionalProperties"] = false,
            ["oneOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray("optimizer", "budget") },
                                      new JsonObject { ["required"] = new JsonArray("stages") }),
        };
        return schema;
    }

    /// <summary>A plugin selection of one kind: name (every discovered one), version, folder and, per name, its options.</summary>
    private static JsonObject Plugin(PluginCatalog catalog, PluginKind kind, string description)
    {
        var names = catalog.Names(kind);
        var cases = new JsonArray();
        foreach (var name in names)
        {
            var plugin = catalog.Find(kind, name)[0];
            cases.Add(new JsonObject
            {
                ["if"] = new JsonObject { ["properties"] = new JsonObject { ["name"] = new JsonObject { ["const"] = name } } },
                ["then"] = new JsonObject { ["properties"] = new JsonObject { ["options"] = PluginOptions.Schema(plugin) } },
            });
        }
        var nameSchema = new JsonObject { ["description"] = $"The {kind.ToString().ToLowerInvariant()} plugin's name.", ["type"] = "string" };
        if (names.Count > 0)
            nameSchema["anyOf"] = new JsonArray(names.Select(n => (JsonNode)new JsonObject
            {
                ["const"] = n,
                ["description"] = catalog.Find(kind, n)[0].Description,
            }).ToArray());
        var result = Object(description, new()
        {
            ["name"] = nameSchema,
            ["version"] = new JsonObject { ["description"] = "A version or range of the plugin (e.g. \"1.2\", \">=1.0 <2\").", ["type"] = "string" },
            ["folder"] = new JsonObject { ["description"] = "The plugin folder to take it from (its path or folder name).", ["type"] = "string" },
            ["options"] = new JsonObject { ["description"] = "The plugin's options (see pinn plugins describe NAME).", ["type"] = "object" },
        }, "name");
        if (cases.Count > 0) result["allOf"] = cases;
        return result;
    }

    private static JsonObject Object(string description, Dictionary<string, JsonNode> properties, params string[] required)
    {
        var props = new JsonObject();
        foreach (var (key, value) in properties) props[key] = value;
        return new JsonObject
        {
            ["description"] = description,
            ["type"] = "object",
            ["properties"] = props,
            ["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray()),
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject Integer(string description, long minimum, long? maximum = null, long? defaultValue = null)
    {
        var o = new JsonObject { ["description"] = description, ["type"] = "integer", ["minimum"] = minimum };
        if (maximum is { } max) o["maximum"] = max;
        if (defaultValue is { } d) o["default"] = d;
        return o;
    }

    private static JsonObject Number(string description, double minimum, double? defaultValue = null)
    {
        var o = new JsonObject { ["description"] = description, ["type"] = "number", ["minimum"] = minimum };
        if (defaultValue is { } d) o["default"] = d;
        return o;
    }

    private static JsonObject Enum(string description, IEnumerable<string> values, string defaultValue)
        => new() { ["description"] = description, ["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()), ["default"] = defaultValue };
}
