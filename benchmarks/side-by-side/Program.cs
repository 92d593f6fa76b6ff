using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.Loader;

// Usage: dotnet run -c Release --project benchmarks/side-by-side -- <schema.json> <payload.json> <seconds> <engine dll>...
// Each build of CoreRegistryClient.JsonSchema.dll is loaded into its own load context and compiles the schema; after
// 4 s of warm-up (tier-1 code), batches of 60 IsValid calls alternate between the builds (which goes first changes
// every round), so load on a shared machine falls on every build alike. Instruction counts under valgrind measure
// MinOpts code for the engine's hottest methods (docs/json-schema-engine.md); this measures the code a service runs.
// Pass one build twice as a control: its two rows should read about 1.000 apart. FORMAT=List (or ListIfInvalid) times
// Validate(bytes, format) instead of IsValid: the error path of list output.
var schema = File.ReadAllText(args[0]);
var payload = File.ReadAllBytes(args[1]);
var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
var builds = args[3..];
var calls = builds.Select(Load).ToArray();
var warm = Stopwatch.StartNew();
while (warm.Elapsed.TotalSeconds < 4)
{
    foreach (var call in calls)
    {
        for (var i = 0; i < 50; i++)
        {
            _ = call(payload);
        }
    }
}

const int CallsPerBatch = 60;
var samples = calls.Select(_ => new List<double>()).ToArray();
var timer = Stopwatch.StartNew();
for (var round = 0; timer.Elapsed.TotalSeconds < seconds; round++)
{
    for (var k = 0; k < calls.Length; k++)
    {
        var j = (k + round) % calls.Length;
        var call = calls[j];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < CallsPerBatch; i++)
        {
            _ = call(payload);
        }

        samples[j].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / CallsPerBatch);
    }
}

var baseline = Percentile(samples[0], 0.1);
for (var j = 0; j < calls.Length; j++)
{
    var s = samples[j];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{builds[j]}: {s.Count} batches, ns per call: min {Percentile(s, 0):F0}, p10 {Percentile(s, 0.1):F0}, median {Percentile(s, 0.5):F0}; p10 / first p10 {Percentile(s, 0.1) / baseline:F3}"));
}

Func<byte[], bool> Load(string dll)
{
    var engine = new AssemblyLoadContext(dll).LoadFromAssemblyPath(Path.GetFullPath(dll));
    var validatorType = engine.GetType("CoreRegistryClient.JsonSchema.JsonSchemaValidator", throwOnError: true)!;
    var optionsType = engine.GetType("CoreRegistryClient.JsonSchema.JsonSchemaOptions", throwOnError: true)!;
    var validator = validatorType.GetMethod("Parse", [typeof(string), optionsType])!.Invoke(null, [schema, null])!;
    var format = Environment.GetEnvironmentVariable("FORMAT");
    if (string.IsNullOrEmpty(format))
    {
        var isValid = validatorType.GetMethod("IsValid", [typeof(byte[])])!;
        var call = isValid.CreateDelegate<Func<byte[], bool>>(validator);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{dll}: IsValid = {call(payload)}"));
        return call;
    }

    var formatType = engine.GetType("CoreRegistryClient.JsonSchema.OutputFormat", throwOnError: true)!;
    var validate = validatorType.GetMethod("Validate", [typeof(byte[]), formatType])!;
    var resultType = validate.ReturnType;
    var isValidProperty = resultType.GetProperty("IsValid")!;
    var errorsProperty = resultType.GetProperty("Errors")!;
    var formatValue = Enum.Parse(formatType, format);

    // Reflection only for the line printed; the timed call is a compiled expression, the same cost for every build.
    var probe = validate.Invoke(validator, [payload, formatValue])!;
    var errorCount = ((System.Collections.ICollection)errorsProperty.GetValue(probe)!).Count;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{dll}: Validate({format}).IsValid = {isValidProperty.GetValue(probe)}, {errorCount} errors"));
    return ListCall(validator, validate, formatValue);
}

// Validate(byte[], OutputFormat) as Func<byte[], bool> without reflection per call: a compiled expression.
static Func<byte[], bool> ListCall(object validator, System.Reflection.MethodInfo validate, object format)
{
    var bytes = Expression.Parameter(typeof(byte[]));
    var call = Expression.Call(
        Expression.Constant(validator, validate.DeclaringType!), validate, bytes, Expression.Constant(format));
    var isValid = Expression.Property(call, "IsValid");
    return Expression.Lambda<Func<byte[], bool>>(isValid, bytes).Compile();
}

static double Percentile(List<double> samples, double q)
{
    var sorted = samples.Order().ToList();
    return sorted[(int)(q * (sorted.Count - 1))];
}
