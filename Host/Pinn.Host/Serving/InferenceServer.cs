using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinn.Host.Inference;
using TorchSharp;

namespace Pinn.Host.Serving;

/// <summary>
/// An HTTP server (ASP.NET Core minimal API, Kestrel) answering queries to trained runs:
/// <list type="bullet">
/// <item><c>GET /health</c>: <c>{"status": "ok", "models": [...]}</c>;</item>
/// <item><c>GET /models/{name}</c> and <c>POST /models/{name}/predict</c> for every model;</item>
/// <item><c>GET /model</c> and <c>POST /predict</c> as well when it serves one model.</item>
/// </list>
/// A bad request is a 400 with <c>{"error": "..."}</c> naming what is wrong, an unknown model a 404; nothing a client sends
/// reaches it as a 500 with a stack trace. Inference builds no autograd graph to the parameters; a model evaluates one
/// request at a time (<see cref="TrainedModel"/> serialises), so concurrent clients are safe.
/// </summary>
internal sealed class InferenceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyDictionary<string, TrainedModel> _models;
    private readonly int _maxPoints;

    private InferenceServer(WebApplication app, IReadOnlyDictionary<string, TrainedModel> models, int maxPoints)
    {
        _app = app;
        _models = models;
        _maxPoints = maxPoints;
    }

    /// <summary>The addresses it listens on (after <see cref="StartAsync"/>), e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public IReadOnlyList<string> Urls => _app.Urls.ToArray();

    /// <summary>Builds a server for <paramref name="models"/> (by route name) on host:port (port 0: any free port).</summary>
    public static InferenceServer Create(IReadOnlyDictionary<string, TrainedModel> models, string host, int port, int maxPoints)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{(host.Contains(':') ? $"[{host}]" : host)}:{port}");
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 16L + 64L * maxPoints * 8);
        var app = builder.Build();
        var server = new InferenceServer(app, models, maxPoints);
        server.Map();
        return server;
    }

    public Task StartAsync(CancellationToken cancel = default) => _app.StartAsync(cancel);

    /// <summary>Serves until the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task RunAsync() => _app.WaitForShutdownAsync();

    public Task StopAsync() => _app.StopAsync();

    private void Map()
    {
        _app.MapGet("/health", () => Results.Json(new { status = "ok", models = _models.Keys.ToArray() }));
        _app.MapGet("/models/{name}", (string name) => _models.TryGetValue(name, out var model) ? Results.Content(Describe(model).ToJsonString(), "application/json") : NotFound(name));
        _app.MapPost("/models/{name}/predict", async (string name, HttpRequest request) =>
            _models.TryGetValue(name, out var model) ? await Predict(model, request) : NotFound(name));
        if (_models.Count == 1)
        {
            var only = _models.Values.Single();
            _app.MapGet("/model", () => Results.Content(Describe(only).ToJsonString(), "application/json"));
            _app.MapPost("/predict", (HttpRequest request) => Predict(only, request));
        }
        // A path or method no route answers is a 404 or 405 whose body names the routes (ASP.NET leaves it empty;
        // the middleware only fills responses without a body, so "no model 'x'" stays as it is).
        _app.UseStatusCodePages(NoRoute);
        // Anything a client can get wrong is a 4xx with a message; an error of ours is a 500 without internals.
        _app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (e is BadHttpRequestException or IOException)
            {
                if (!context.Response.HasStarted) await Results.Json(new { error = $"bad request: {e.Message}" }, statusCode: 400).ExecuteAsync(context);
            }
        });
    }

    private Task NoRoute(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var http = context.HttpContext;
        var what = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "no such route",
            StatusCodes.Status405MethodNotAllowed => "method not allowed",
            _ => null,
        };
        return what is null ? Task.CompletedTask
            : Results.Json(new { error = $"{http.Request.Method} {http.Request.Path}: {what}; this server answers {string.Join(", ", Routes())}" },
                           statusCode: http.Response.StatusCode).ExecuteAsync(http);
    }

    /// <summary>Every route, as <c>METHOD /path</c>.</summary>
    private IEnumerable<string> Routes()
    {
        if (_models.Count == 1) yield return "POST /predict, GET /model";
        yield return "POST /models/{name}/predict, GET /models/{name}";
        yield return "GET /health";
    }

    private IResult NotFound(string name) => Results.Json(new { error = $"no model '{name}' (serving: {string.Join(", ", _models.Keys)})" }, statusCode: 404);

    private static IResult BadRequest(string error) => Results.Json(new { error }, statusCode: 400);

    private async Task<IResult> Predict(TrainedModel model, HttpRequest http)
    {
        if (http.ContentLength is { } length && length > 16L + 64L * _maxPoints * 8)
            return BadRequest($"the body has {length} bytes, more than a request of {_maxPoints} points needs");
        using var buffer = new MemoryStream();
        try
        {
            await http.Body.CopyToAsync(buffer);
        }
        catch (BadHttpRequestException e)
        {
            return BadRequest($"the body could not be read: {e.Message}");
        }
        var errors = new List<string>();
        var request = PredictRequest.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), model.Problem.InputDimension, model.InputNames, _maxPoints, errors);
        if (request is null) return BadRequest(string.Join("; ", errors));
        IReadOnlyList<FieldQuantity> derivatives = request.Derivatives.Count == 0 ? [] : FieldQuantity.Parse(string.Join(",", request.Derivatives), model.InputNames, model.OutputNames, errors);
        foreach (var q in derivatives)
            if (q.Request.Keys.Select(model.Unsupported).FirstOrDefault(why => why is not null) is { } why)
                errors.Add($"'{q.Name}': the model's engine cannot compute it ({why})");
        if (errors.Count > 0) return BadRequest(string.Join("; ", errors));
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(request.Values, [request.Rows, model.Problem.InputDimension], torch.float64);
        var result = new JsonObject();
        if (derivatives.Count == 0)
        {
            var u = model.Predict(x);
            for (var k = 0; k < model.OutputNames.Count; k++) result[model.OutputNames[k]] = Array(u[.., k]);
        }
        else
        {
            var quantities = FieldQuantity.Outputs(model.Problem).Concat(derivatives).ToArray();
            var columns = model.Evaluate(x, quantities);
            for (var q = 0; q < quantities.Length; q++) result[quantities[q].Name] = Array(columns[q]);
        }
        return Results.Content(result.ToJsonString(), "application/json");
    }

    private static JsonArray Array(torch.Tensor column)
        => new(column.to(torch.float64, torch.CPU).contiguous().data<double>().ToArray().Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    /// <summary>What <c>GET /model</c> says: the problem, its inputs and outputs, the parameter count, the final errors and the
    /// resolved manifest.</summary>
    private static JsonObject Describe(TrainedModel model)
    {
        var summary = model.Summary;
        return new JsonObject
        {
            ["name"] = model.Name,
            ["problem"] = model.Plan.Problem.Descriptor.Name,
            ["inputs"] = new JsonArray(model.InputNames.Select(n => (JsonNode)n).ToArray()),
            ["outputs"] = new JsonArray(model.OutputNames.Select(n => (JsonNode)n).ToArray()),
            ["parameterCount"] = model.Network.ParameterCount + model.Network.Slopes.Sum(a => a.numel()),
            ["step"] = model.Step,
            ["relL2"] = summary?["relL2"]?.DeepClone(),
            ["fields"] = summary?["fields"]?.DeepClone(),
            ["maxError"] = summary?["maxError"]?.DeepClone(),
            ["manifest"] = model.Manifest.DeepClone(),
        };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
