using Pinn.Abstractions.Reference;
using Pinn.Problems.Burgers.Burgers;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Reference;

/// <summary>Reading CSV and COMSOL files, and every malformed file refused with its name and line.</summary>
public sealed class ReferenceDataReaderTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string name, string text)
    {
        var path = _temp.Combine(name);
        File.WriteAllText(path, text.ReplaceLineEndings("\r\n"));
        return path;
    }

    private const string TimeHeader = """
        % Model:              demo.mph
        % Nodes:              2
        % X                       u (1) @ t=0              u (1) @ t=0.5            u (1) @ t=1
        """;

    private static ReferenceDataException Refused(Action read) => Should.Throw<ReferenceDataException>(read);

    // --- COMSOL exports -------------------------------------------------------------------------------------------

    [Fact]
    public void A_time_dependent_export_expands_to_rows_of_time_coordinates_and_fields()
    {
        var path = Write("two.dat", $"""
            {TimeHeader}
            -1   0.0   0.5   0.25
            1    2.0   3.0   4.0
            """);

        var data = ReferenceDataReader.ReadComsol(path, ["x"], 1, timeDependent: true);

        data.Count.ShouldBe(6);
        data.Points.ToArray().ShouldBe([0, -1, 0.5, -1, 1, -1, 0, 1, 0.5, 1, 1, 1]);
        data.Values.ToArray().ShouldBe([0.0, 0.5, 0.25, 2, 3, 4]);
    }

    [Fact]
    public void Blocks_of_several_fields_share_their_time()
    {
        var path = Write("uv.dat", """
            % x    y    u @ t=0    v @ t=0    u @ t=2    v @ t=2
            0.1  0.2  1  2  3  4
            """);

        var data = ReferenceDataReader.ReadComsol(path, ["x", "y"], 2, timeDependent: true, outputNames: ["u", "v"]);

        data.InputNames.ShouldBe(["t", "x", "y"]);
        data.Points.ToArray().ShouldBe([0, 0.1, 0.2, 2, 0.1, 0.2]);
        data.Values.ToArray().ShouldBe([1.0, 2, 3, 4]);
    }

    [Fact]
    public void Rows_with_NaN_are_left_out_and_counted()
    {
        var steady = Write("steady.dat", """
            % x  y  u
            0  0  1
            0  1  NaN
            1  1  2
            """);
        var timed = Write("timed.dat", $"""
            {TimeHeader}
            -1   0.0   NaN   0.25
            NaN  2.0   3.0   4.0
            """);

        var a = ReferenceDataReader.ReadComsol(steady, ["x", "y"], 1, timeDependent: false);
        var b = ReferenceDataReader.ReadComsol(timed, ["x"], 1, timeDependent: true);

        (a.Count, a.DroppedRows).ShouldBe((2, 1));
        a.Values.ToArray().ShouldBe([1.0, 2]);
        (b.Count, b.DroppedRows).ShouldBe((2, 4)); // one slice of the first node, all three of the second
        b.Points.ToArray().ShouldBe([0, -1, 1, -1]);
    }

    [Fact]
    public void A_missing_file_is_named_with_its_path()
    {
        var path = _temp.Combine("absent.dat");

        var e = Refused(() => ReferenceDataReader.ReadComsol(path, ["x"], 1, timeDependent: false));

        e.File.ShouldBe(path);
        e.Line.ShouldBeNull();
        e.Message.ShouldContain(path);
        e.Message.ShouldContain("no such file");
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_columns_names_its_line_and_the_columns_expected()
    {
        var path = Write("short.dat", """
            % Model: demo
            % x   y   u   v   p
            0 0 1 2 3
            0 1 1 2
            """);

        var e = Refused(() => ReferenceDataReader.ReadComsol(path, ["x", "y"], 3, timeDependent: false, outputNames: ["u", "v", "p"]));

        e.Line.ShouldBe(4);
        e.Message.ShouldBe($"{path}: line 4: 4 columns, expected 5 (x, y, u, v, p)");
    }

    [Fact]
    public void An_unparsable_number_names_its_line_and_column()
    {
        var path = Write("text.dat", """
            % x  u
            0  1
            0.5  1,5
            """);

        var e = Refused(() => ReferenceDataReader.ReadComsol(path, ["x"], 1, timeDependent: false));

        e.Line.ShouldBe(3);
        e.Message.ShouldBe($"{path}: line 3: column 2: '1,5' is not a number");
    }

    [Fact]
    public void An_infinite_value_is_refused()
    {
        var path = Write("inf.dat", "0  Infinity\n");

        Refused(() => ReferenceDataReader.ReadComsol(path, ["x"], 1, timeDependent: false)).Message.ShouldBe($"{path}: line 1: column 2: Infinity is not finite");
    }

    [Fact]
    public void An_unparsable_time_in_the_header_names_the_header_line()
    {
        var path = Write("badtime.dat", """
            % Model: demo
            % X    u (1) @ t=0    u (1) @ t=zero
            0  1  2
            """);

        var e = Refused(() => ReferenceDataReader.ReadComsol(path, ["x"], 1, timeDependent: true));

        e.Line.ShouldBe(2);
        e.Message.ShouldBe($"{path}: line 2: 't=zero' in column 2 after the coordinates is not a time");
    }

    [Theory]
    [InlineData("% X    u (1)    u (1)", "found no '@'")]
    [InlineData("% X    u (1) @ Re=100    u (1) @ t=1", "column 1 after the coordinates is '@ Re=100    u (1)', expected '@ t=<time>'")]
    public void A_header_without_times_is_refused(string header, string expected)
    {
        var path = Write("notime.dat", $"{header}\n0  1  2\n");

        var e = Refused(() => ReferenceDataReader.ReadComsol(path, ["x"], 1, timeDependent: true));

        e.Line.ShouldBe(1);
        e.Message.ShouldContain(expected);
    }

    [Fact]
    public void A_time_dependent_file_without_a_header_is_refused_at_its_first_row()
    {
        var path = Write("headerless.dat", "0  1  2\n");

        Refused(() => ReferenceDataReader.ReadComsol(path, ["x"], 1, timeDependent: true)).Line.ShouldBe(1);
    }

    [Fact]
    public void Rows_with_fewer_time_blocks_than_the_header_names_are_refused()
    {
        var path = Write("fewer.dat", $"""
            {TimeHeader}
            -1   0.0   0.5   0.25
            1    2.0   3.0
            """);

        var e = Refused(() => ReferenceDataReader.ReadComsol(path, ["x"], 1, timeDependent: true));

        e.Message.ShouldBe($"{path}: line 5: 3 columns, expected 4 (x, then u at 3 times)");
    }

    [Fact]
    public void A_header_whose_times_do_not_make_whole_blocks_is_refused()
    {
        var path = Write("odd.dat", """
            % x    u @ t=0    v @ t=0    u @ t=1
            0  1  2  3
            """);

        Refused(() => ReferenceDataReader.ReadComsol(path, ["x"], 2, timeDependent: true))
            .Message.ShouldBe($"{path}: line 1: 3 columns with a time do not make blocks of 2 fields");
    }

    [Fact]
    public void A_block_whose_fields_are_at_different_times_is_refused()
    {
        var path = Write("mixed.dat", """
            % x    u @ t=0    v @ t=0.5
            0  1  2
            """);

        Refused(() => ReferenceDataReader.ReadComsol(path, ["x"], 2, timeDependent: true))
            .Message.ShouldBe($"{path}: line 1: the 2 columns of time block 1 are at different times (0, 0.5)");
    }

    [Fact]
    public void A_file_with_only_NaN_rows_or_none_at_all_is_refused()
    {
        var nan = Write("nan.dat", "% x u\n0 NaN\n1 NaN\n");
        var empty = Write("empty.dat", "% x u\n");

        Refused(() => ReferenceDataReader.ReadComsol(nan, ["x"], 1, timeDependent: false)).Message.ShouldBe($"{nan}: every one of its 2 rows holds NaN");
        Refused(() => ReferenceDataReader.ReadComsol(empty, ["x"], 1, timeDependent: false)).Message.ShouldBe($"{empty}: no data rows");
    }

    // --- CSV ------------------------------------------------------------------------------------------------------

    private const string Csv = """
        # a table of u and v
        x,t,u,v,note
        0.5,0.0,1.0,2.0,first
        -0.5,1.0,3.0,4.0,second

        0.25,0.5,NaN,6.0,missing
        """;

    [Fact]
    public void Csv_columns_are_chosen_by_name_in_the_problem_s_order()
    {
        var data = ReferenceDataReader.ReadCsv(Write("table.csv", Csv), ["t", "x"], ["v", "u"]);

        data.InputNames.ShouldBe(["t", "x"]);
        data.OutputNames.ShouldBe(["v", "u"]);
        data.Points.ToArray().ShouldBe([0.0, 0.5, 1.0, -0.5]);
        data.Values.ToArray().ShouldBe([2.0, 1.0, 4.0, 3.0]);
        data.DroppedRows.ShouldBe(1);
        data.Source.ShouldBe("table.csv");
    }

    [Fact]
    public void Csv_columns_are_chosen_by_index()
    {
        var data = ReferenceDataReader.ReadCsv(Write("table.csv", Csv), [0], [3]);

        (data.InputNames[0], data.OutputNames[0]).ShouldBe(("x", "v"));
        data.Values.ToArray().ShouldBe([2.0, 4.0, 6.0]);
        data.DroppedRows.ShouldBe(0);
    }

    [Fact]
    public void Csv_faults_name_the_file_and_line()
    {
        var path = Write("table.csv", Csv);
        var ragged = Write("ragged.csv", "x,u\n0,1\n1\n");
        var text = Write("text.csv", "x,u\n0,1\n1,one\n");

        Refused(() => ReferenceDataReader.ReadCsv(path, ["x"], ["w"])).Message.ShouldBe($"{path}: line 2: no column 'w' in the header (columns: x, t, u, v, note)");
        Refused(() => ReferenceDataReader.ReadCsv(path, [0], [7])).Message.ShouldBe($"{path}: line 2: no column 7: the header has 5 columns (0 … 4)");
        Refused(() => ReferenceDataReader.ReadCsv(ragged, ["x"], ["u"])).Message.ShouldBe($"{ragged}: line 3: 1 columns, expected 2 (x, u)");
        Refused(() => ReferenceDataReader.ReadCsv(text, ["x"], ["u"])).Message.ShouldBe($"{text}: line 3: column 2 (u): 'one' is not a number");
        Refused(() => ReferenceDataReader.ReadCsv(_temp.Combine("none.csv"), ["x"], ["u"])).Line.ShouldBeNull();
    }

    // --- ReferenceData and shipped files ----------------------------------------------------------------------------

    [Fact]
    public void Tensors_are_fresh_copies_in_the_dtype_asked_for()
    {
        var data = new ReferenceData("demo", ["x"], ["u", "v"], [0.0, 1.0], [1.0, 2.0, 3.0, 4.0]);

        using var points = data.PointsTensor();
        using var values = data.ValuesTensor(torch.float32);
        values.shape.ShouldBe([2L, 2L]);
        values.dtype.ShouldBe(torch.float32);
        points.dtype.ShouldBe(torch.float64);
        points.mul_(10);
        data.Point(1, 0).ShouldBe(1.0);
        using var again = data.PointsTensor();
        again[1, 0].item<double>().ShouldBe(1.0);
    }

    [Fact]
    public void Reference_data_refuse_non_finite_numbers_and_mismatched_lengths()
    {
        Should.Throw<ArgumentException>(() => new ReferenceData("demo", ["x"], ["u"], [0.0, 1.0], [1.0]));
        Should.Throw<ArgumentException>(() => new ReferenceData("demo", ["x"], ["u"], [0.0], [double.NaN]));
        Should.Throw<ArgumentException>(() => new ReferenceData("demo", ["x", "x"], ["u"], [0.0, 1.0], [1.0]));
    }

    [Fact]
    public void A_shipped_file_is_found_beside_the_plugin_assembly()
    {
        var path = ReferenceDataReader.ShippedFile(typeof(BurgersProblemFactory).Assembly, "pinnacle/burgers1d.dat");

        path.ShouldBe(Path.Combine(Path.GetDirectoryName(typeof(BurgersProblemFactory).Assembly.Location)!, "data", "pinnacle", "burgers1d.dat"));
        File.ReadAllBytes(path).ShouldBe(File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "data", "pinnacle", "burgers1d.dat")));
    }

    [Fact]
    public void The_burgers_plugin_folder_carries_its_data()
        => File.Exists(Path.Combine(RepositoryRoot.Plugins, "Pinn.Problems.Burgers", "data", "pinnacle", "burgers1d.dat")).ShouldBeTrue();

    [Fact]
    public void A_file_not_shipped_is_named_with_its_full_path()
    {
        var assembly = typeof(BurgersProblemFactory).Assembly;

        var e = Refused(() => ReferenceDataReader.ShippedFile(assembly, "pinnacle/absent.dat"));

        e.File.ShouldBe(Path.Combine(Path.GetDirectoryName(assembly.Location)!, "data", "pinnacle", "absent.dat"));
        e.Message.ShouldContain("Pinn.Problems.Burgers should ship data/pinnacle/absent.dat");
        Should.Throw<ArgumentException>(() => ReferenceDataReader.ShippedFile(assembly, "../Pinn.Tests.dll"));
    }
}
