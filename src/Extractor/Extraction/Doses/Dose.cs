namespace Extractor.Extraction.Doses;

/// <summary>
/// A dose expression read from text: amount and canonical unit, and what was written with it (frequency, route,
/// duration, a dose change). Offsets are into the text that was parsed; -1 where a part is absent.
/// </summary>
public sealed record Dose
{
    /// <summary>The amount as a canonical string: "400", "2.5", a range "1-2".</summary>
    public required string Value { get; init; }
    public required decimal Amount { get; init; }
    public decimal? AmountMax { get; init; }
    /// <summary>Canonical unit: mg, g, ug, ng, mg/kg, mg/m2, ug/kg, g/kg, IU, MIU, U, U/kg, IU/kg, mL, mEq, mmol, mg/h, mg/kg/h, ug/kg/min, tablet ...</summary>
    public required string Unit { get; init; }
    /// <summary>The amount and unit as written.</summary>
    public required string Text { get; init; }
    /// <summary>Canonical frequency (N/d, N/wk, 1/Nwk, 1/Nd, prn, once) or "".</summary>
    public string Frequency { get; init; } = "";
    /// <summary>Doses per week computed from the frequency ("7", "3", "0.333", a range "2-3"), or "".</summary>
    public string DosesPerWeek { get; init; } = "";
    public string Route { get; init; } = "";
    public string Duration { get; init; } = "";
    /// <summary>reduced, increased, tapered ... when the dose is introduced as a change ("reduced to 400 mg").</summary>
    public string Change { get; init; } = "";
    /// <summary>Remarks on how the dose was read (e.g. "per day: daily total").</summary>
    public string Note { get; init; } = "";
    /// <summary>Span of the whole expression (amount through the last part read with it).</summary>
    public int Start { get; init; }
    public int End { get; init; }
    public int AmountStart { get; init; }
    public int AmountEnd { get; init; }
    public int FrequencyStart { get; init; } = -1;
    public int FrequencyEnd { get; init; } = -1;
}

/// <summary>A dosing frequency read from text: canonical form, doses per week, and its span.</summary>
public sealed record Frequency(string Value, string PerWeek, int Start, int End);

/// <summary>A route of administration read from text: canonical name and span.</summary>
public sealed record Route(string Value, int Start, int End);
