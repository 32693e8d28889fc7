using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pinn.Host.Inference;
using Pinn.Host.Serving;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Serving;

/// <summary><c>pinn serve</c> over real HTTP on loopback: predictions equal the trained network's, derivatives equal
/// autograd's, every bad request is a 400 that says what is wrong, concurrent clients get their own answers, several
/// models each have their route, and Ctrl+C stops the server cleanly.</summary>
public sealed class InferenceServerTests(TrainedRuns runs, HostFixture host) : IClassFixture<TrainedRuns>, IClassFixture<HostFixture>
{
    private async Task<(InferenceServer Server, HttpClient Client, TrainedModel[] Models)> Start(int maxPoints = 1000, params string[] folders)
    {
        folders = folders.Length == 0 ? [runs.Poisson2d] : folders;
        var cache = Path.Combine(Path.GetTempPath(), "pinn-serve-cache");
        var models = folders.Select(f => TrainedModel.Load(f, host.Catalog, cache)).ToArray();
        var server = InferenceServer.Create(models.Select((m, i) => (Name: Path.GetFileName(folders[i]), m)).ToDictionary(p => p.Name, p => p.m), "127.0.0.1", 0, maxPoints);
        await server.StartAsync();
        return (server, new HttpClient { BaseAddress = new Uri(server.Urls[0]) }, models);
    }

    private static async Task Stop((InferenceServer Server, HttpClient Client, TrainedModel[] Models) s)
    {
        s.Client.Dispose();
        await s.Server.StopAsync();
        await s.Server.DisposeAsync();
        foreach (var m in s.Models) m.Dispose();
    }

    private static double[] Values(JsonNode node) => node.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    [Fact]
    public async Task Predict_returns_the_networks_values_and_derivatives()
    {
        var s = await Start();
        try
        {
            var response = await s.Client.PostAsync("/predict", new StringContent("""{"points": [[0.5, 0.25], [0.1, 0.75]], "derivatives": ["u_x", "u_yy"]}""", Encoding.UTF8, "application/json"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            using var scope = torch.NewDisposeScope();
            var x = torch.tensor(new[] { 0.5, 0.25, 0.1, 0.75 }, [2, 2], torch.float64).requires_grad_();
            var u = TrainedRuns.ForwardFromCheckpoint(runs.Poisson2d, x);
            var gradient = torch.autograd.grad([u.sum()], [x], retain_graph: true, create_graph: true)[0];
            var uyy = torch.autograd.grad([gradient[.., 1].sum()], [x])[0][.., 1];
            Values(body["u"]!).ShouldBe(u[.., 0].data<double>().ToArray(), 1e-12);
            Values(body["u_x"]!).ShouldBe(gradient[.., 0].detach().data<double>().ToArray(), 1e-12);
            Values(body["u_yy"]!).ShouldBe(uyy.data<double>().ToArray(), 1e-11);

            var health = JsonNode.Parse(await s.Client.GetStringAsync("/health"))!;
            health["status"]!.GetValue<string>().ShouldBe("ok");
            var model = JsonNode.Parse(await s.Client.GetStringAsync("/model"))!;
            model["problem"]!.GetValue<string>().ShouldBe("poisson2d");
            model["inputs"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["x", "y"]);
            model["outputs"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["u"]);
            model["parameterCount"]!.GetValue<long>().ShouldBe(65);
            model["relL2"]!.GetValue<double>().ShouldBeLessThan(5e-2);
            model["manifest"]!["name"]!.GetValue<string>().ShouldBe("poisson2d-small");
        }
        finally
        {
            await Stop(s);
        }
    }

    [Theory]
    [InlineData("""{"points": [[0.5, 0.25], [0.1, 0.2, 0.3]]}""", "points[1] must be an array of 2 numbers (x, y), it has 3")]
    [InlineData("""{"points": [[0.5, "a"]]}""", "points[0][1] (y) is not a finite number")]
    [InlineData("""{"points": []}""", "'points' is empty")]
    [InlineData("""{"pts": [[0.5, 0.5]]}""", "unknown field 'pts' (allowed: points, derivatives)")]
    [InlineData("""{"points": [[0.5, 0.5]], "derivatives": ["u_z"]}""", "'u_z' is not an output or a derivative of one")]
    [InlineData("""{"points": [[0.5, 0.5]""", "the body is not valid JSON")]
    [InlineData("""[1, 2]""", "the body must be a JSON object")]
    [InlineData("""{"points": [[0,0],[0,0],[0,0],[0,0],[0,0],[0,0]]}""", "'points' has 6 points, more than the 5 a request may have")]
    public async Task A_bad_request_is_a_400_that_says_what_is_wrong(string body, string message)
    {
        var s = await Start(maxPoints: 5);
        try
        {
            var response = await s.Client.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
            JsonNode.Parse(text)!["error"]!.GetValue<string>().ShouldContain(message);
        }
        finally
        {
            await Stop(s);
        }
    }

    [Fact]
    public async Task A_bad_request_names_every_mistake_at_once()
    {
        var s = await Start(maxPoints: 5);
        try
        {
            var body = """{"points": [[0.5], [0.1, "a"], [0.2, 0.3]], "derivatives": ["u_z"], "extra": 1}""";
            var response = await s.Client.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
            var error = JsonNode.Parse(text)!["error"]!.GetValue<string>();
            error.ShouldContain("unknown field 'extra' (allowed: points, derivatives)");
            error.ShouldContain("points[0] must be an array of 2 numbers (x, y), it has 1");
            error.ShouldContain("points[1][1] (y) is not a finite number");
            error.ShouldContain("'u_z' is not an output or a derivative of one");
            error.ShouldNotContain("points[2]");
        }
        finally
        {
            await Stop(s);
        }
    }

    [Fact]
    public async Task A_path_or_method_no_route_answers_is_a_404_or_405_that_names_the_routes()
    {
        var s = await Start();
        try
        {
            var unknown = await s.Client.GetAsync("/predictions");
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error"]!.GetValue<string>()
                .ShouldBe("GET /predictions: no such route; this server answers POST /predict, GET /model, POST /models/{name}/predict, GET /models/{name}, GET /health");

            var get = await s.Client.GetAsync("/predict");
            get.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
            get.Content.Headers.Allow.ShouldBe(["POST"]);
            JsonNode.Parse(await get.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().ShouldStartWith("GET /predict: method not allowed; this server answers POST /predict");

            var model = await s.Client.GetAsync("/models/nope");               // a route's own 404 keeps its message
            (await model.Content.ReadAsStringAsync()).ShouldContain("no model 'nope' (serving: poisson2d)");
        }
        finally
        {
            await Stop(s);
        }
    }

    [Fact]
    public async Task Concurrent_clients_each_get_the_values_at_their_own_points()
    {
        var s = await Start();
        try
        {
            var points = Enumerable.Range(0, 32).Select(i => new[] { i / 31.0, 1 - i / 31.0 }).ToArray();
            var answers = await Task.WhenAll(points.Select(async p =>
            {
                var response = await s.Client.PostAsJsonAsync("/predict", new { points = new[] { p } });
                response.EnsureSuccessStatusCode();
                return Values(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["u"]!)[0];
            }));
            using var scope = torch.NewDisposeScope();
            var expected = TrainedRuns.ForwardFromCheckpoint(runs.Poisson2d, torch.tensor(points.SelectMany(p => p).ToArray(), [32, 2], torch.float64));
            answers.ShouldBe(expected[.., 0].data<double>().ToArray(), 1e-12); // one point at a time against a batch: rounding of the matmul only
        }
        finally
        {
            await Stop(s);
        }
    }

    [Fact]
    public async Task Several_models_are_served_each_under_its_own_route()
    {
        var s = await Start(1000, runs.Poisson2d, runs.Heat1d);
        try
        {
            var heat = await s.Client.PostAsJsonAsync("/models/heat1d/predict", new { points = new[] { new[] { 0.5, 0.5 } } });
            heat.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var scope = torch.NewDisposeScope();
            Values(JsonNode.Parse(await heat.Content.ReadAsStringAsync())!["u"]!)[0]
                .ShouldBe(TrainedRuns.ForwardFromCheckpoint(runs.Heat1d, torch.tensor(new[] { 0.5, 0.5 }, [1, 2], torch.float64))[0, 0].item<double>(), 1e-12);
            var model = JsonNode.Parse(await s.Client.GetStringAsync("/models/poisson2d"))!;
            model["problem"]!.GetValue<string>().ShouldBe("poisson2d");
            (await s.Client.PostAsJsonAsync("/predict", new { points = new[] { new[] { 0.5, 0.5 } } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var unknown = await s.Client.PostAsJsonAsync("/models/wave/predict", new { points = new[] { new[] { 0.5, 0.5 } } });
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await unknown.Content.ReadAsStringAsync()).ShouldContain("no model 'wave' (serving: poisson2d, heat1d)");
        }
        finally
        {
            await Stop(s);
        }
    }

    [Fact]
    public void An_address_the_server_cannot_listen_on_is_an_input_mistake()
    {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
        var (code, error) = HostCommand.Run("serve", runs.Poisson2d, "--host", "192.0.2.1", "--port", "0");
        code.ShouldBe(2, error);
        error.ShouldStartWith("pinn serve: cannot listen on 192.0.2.1:0: ");
        error.ShouldNotContain("internal error");
    }

    [Fact]
    public async Task The_serve_command_answers_over_http_and_stops_cleanly_on_ctrl_c()
    {
        using var temp = new TemporaryDirectory();
        using var process = new HostProcess(temp.Path, null, "serve", runs.Poisson2d, "--port", "0");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Match match;
        while (!(match = Regex.Match(process.Output, @"GET (http://127\.0\.0\.1:\d+)/health")).Success)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no address within 60 s\n{process.Output}\n{process.Error}");
            await Task.Delay(100);
        }
        using var client = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
        var response = await client.PostAsJsonAsync("/predict", new { points = new[] { new[] { 0.5, 0.5 } } });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        process.Interrupt();
        process.WaitForExit(TimeSpan.FromSeconds(30)).ShouldBe(0, process.Error);
        process.Output.ShouldContain("pinn serve: stopped");
    }
}
