using System.Text.Json.Nodes;
using Xunit;

namespace Pinn.Tests.Support;

/// <summary>
/// VTK's own XML readers (Debian's python3-vtk9, run by /usr/bin/python3; see <see cref="TestTools"/>): the independent
/// reader the files of <c>pinn export --vtk</c> are checked with.
/// </summary>
internal static class VtkReader
{
    private const string Python = "/usr/bin/python3";


    /// <summary>
    /// Reads a .vti or .vtu file with VTK: {"points": [[x, y, z]…], "pointData": {name: […]}, "cellData": {name: […]},
    /// "cells": n}.
    /// </summary>
    public static JsonObject Read(string file)
    {
        const string program = """
            import json, sys
            from vtkmodules.vtkIOXML import vtkXMLImageDataReader, vtkXMLUnstructuredGridReader
            path = sys.argv[1]
            reader = vtkXMLImageDataReader() if path.endswith('.vti') else vtkXMLUnstructuredGridReader()
            reader.SetFileName(path)
            reader.Update()
            if reader.GetErrorCode() != 0:
                sys.exit('VTK could not read ' + path)
            data = reader.GetOutput()
            def arrays(attributes):
                result = {}
                for i in range(attributes.GetNumberOfArrays()):
                    a = attributes.GetArray(i)
                    result[a.GetName()] = [a.GetValue(j) for j in range(a.GetNumberOfTuples())]
                return result
            print(json.dumps({
                'points': [list(data.GetPoint(i)) for i in range(data.GetNumberOfPoints())],
                'cells': data.GetNumberOfCells(),
                'pointData': arrays(data.GetPointData()),
                'cellData': arrays(data.GetCellData()),
            }))
            """;
        var (code, output) = TestTools.Run(Python, ["-c", program, file]);
        Assert.True(code == 0, $"VTK could not read {file}: {output}");
        return (JsonObject)JsonNode.Parse(output)!;
    }
}

/// <summary>A fact that needs <see cref="VtkReader"/>: skipped, with the reason, only where it cannot be installed.</summary>
internal sealed class VtkReaderFactAttribute : FactAttribute
{
    public VtkReaderFactAttribute()
    {
        if (TestTools.Unavailable is { } why) Skip = why;
    }
}
