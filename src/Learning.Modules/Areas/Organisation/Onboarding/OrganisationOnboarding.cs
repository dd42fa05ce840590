using System.Net.Mail;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Kernel.Text;
using Learning.Organisation.Contracts;
using Learning.Organisation.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Organisation.Onboarding;

/// <summary>
/// CSV onboarding of units, positions and employees: every line of every file is checked first and
/// every problem reported; only a clean set is imported, in one transaction, upserting by code and NIP.
/// </summary>
internal sealed class OrganisationOnboarding(LearningDbContext db, IAuditLog audit, IStringLocalizer text, TimeProvider clock) : IOrganisationOnboarding
{
    private static readonly string[] UnitColumns = ["code", "name"], UnitOptional = ["parent_code"];
    private static readonly string[] PositionColumns = ["code", "name"];
    private static readonly string[] EmployeeColumns = ["nip", "name", "email", "unit_code", "position_code", "supervisor_nip"];
    private const string RolesColumn = "roles", StatusColumn = "status";

    private static readonly StringComparer Codes = StringComparer.OrdinalIgnoreCase;

    // Status words: empty leaves a stored person as they are (a new one is active).
    private static readonly Dictionary<string, bool> StatusNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["active"] = true, ["aktif"] = true, ["inactive"] = false, ["nonaktif"] = false, ["non-aktif"] = false, ["tidak aktif"] = false,
    };

    private static readonly Dictionary<string, string> RoleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["coordinator"] = Roles.Coordinator, ["koordinator"] = Roles.Coordinator,
        ["administrator"] = Roles.Administrator, ["admin"] = Roles.Administrator,
    };

    private sealed record UnitRow(int Line, string Code, string Name, string? ParentCode);
    private sealed record PositionRow(int Line, string Code, string Name);
    private sealed record EmployeeRow(int Line, Nip Nip, string Name, string? Email, string UnitCode, string? PositionCode,
        string? SupervisorNip, IReadOnlyList<string> Roles, bool? Active = null);

    private readonly List<(int File, SourceProblem Error)> _errors = [];
    // Every code a file names, even on a line with another problem, so references to it raise no second error.
    private readonly HashSet<string> _unitCodes = new(Codes), _positionCodes = new(Codes);

    public async Task<OnboardingResult> Import(OnboardingFiles files, CancellationToken ct = default)
    {
        _errors.Clear();
        _unitCodes.Clear();
        _positionCodes.Clear();
        // Everything stored is read once, so checking and importing thousands of rows needs no query per row.
        var storedUnits = await db.Set<Unit>().ToDictionaryAsync(u => u.Code, Codes, ct);
        var storedPositions = await db.Set<Position>().ToDictionaryAsync(p => p.Code, Codes, ct);
        var storedEmployees = files.Employees is null
            ? new Dictionary<string, Employee>()
            : await db.Set<Employee>().ToDictionaryAsync(e => e.Nip, ct);

        var units = files.Units is null ? [] : CheckUnits(files.Units, storedUnits);
        var positions = files.Positions is null ? [] : CheckPositions(files.Positions);
        var employees = files.Employees is null ? [] : CheckEmployees(files.Employees, storedUnits, storedPositions, storedEmployees);
        if (files.Employees is { } employeesFile)
        {
            RefuseOwnRoleChange(employeesFile, employees, storedEmployees, files.ActingNip);
            RefuseEmptyRoster(employeesFile, employees, files.DeactivateMissing);
        }

        if (_errors.Count > 0)
        {
            var errors = _errors.OrderBy(e => e.File).ThenBy(e => e.Error.Line).Select(e => e.Error).ToList();
            return new OnboardingResult(errors, new(0, 0, 0), new(0, 0, 0), new(0, 0, 0));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var unitCounts = ImportUnits(units, storedUnits);
            var positionCounts = ImportPositions(positions, storedPositions);
            var (added, changed) = ImportEmployees(employees, storedUnits, storedPositions, storedEmployees);
            var (deactivated, reactivated) = ApplyStatus(employees, storedEmployees, files.DeactivateMissing, changed, added);
            // Logins are created as the new employees are saved; supervisors are linked after, so every one of them exists.
            await db.SaveChangesAsync(ct);
            changed.UnionWith(LinkSupervisors(employees, storedEmployees).Except(added));
            audit.Record(AuditActions.OrganisationImported,
                string.Join(", ", new[] { files.Units, files.Positions, files.Employees }.OfType<CsvFile>().Select(f => f.Name)),
                $"units: {unitCounts.Added} added, {unitCounts.Updated} updated; positions: {positionCounts.Added} added, {positionCounts.Updated} updated; " +
                $"employees: {added.Count} added, {changed.Count} updated, {deactivated} deactivated, {reactivated} reactivated");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new OnboardingResult([], unitCounts, positionCounts,
                new OnboardingCounts(added.Count, changed.Count, employees.Count - added.Count - changed.Count))
            {
                Deactivated = deactivated,
                Reactivated = reactivated,
            };
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>Separation of duties: nobody changes their own roles; another administrator does it.</summary>
    private void RefuseOwnRoleChange(CsvFile csv, List<EmployeeRow> rows, Dictionary<string, Employee> stored, string? actingNip)
    {
        if (actingNip is null || rows.FirstOrDefault(r => r.Nip.Value == actingNip) is not { } own) return;
        if (stored.TryGetValue(own.Nip.Value, out var employee)
            && (employee.Roles != Employee.RolesText(own.Roles) || own.Active == false && employee.IsActive))
            Error(2, csv, own.Line, Decisions.OwnRequest(text));
    }

    /// <summary>A full roster without anyone in it would deactivate the whole city: surely the wrong file.</summary>
    private void RefuseEmptyRoster(CsvFile csv, List<EmployeeRow> rows, bool deactivateMissing)
    {
        if (deactivateMissing && rows.Count == 0 && !_errors.Any(e => e.File == 2)) Error(2, csv, 1, text["Organisation.Onboarding.EmptyRoster"]);
    }

    /// <summary>
    /// Deactivates and reactivates as the file says, then (for a full roster) everyone stored it leaves out. Returns how many
    /// of each; a stored person whose status changed counts as updated.
    /// </summary>
    private (int Deactivated, int Reactivated) ApplyStatus(List<EmployeeRow> rows, Dictionary<string, Employee> stored, bool deactivateMissing,
        HashSet<string> changed, HashSet<string> added)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int deactivated = 0, reactivated = 0;
        foreach (var row in rows.Where(r => r.Active is not null))
        {
            var employee = stored[row.Nip.Value];
            if (employee.IsActive == row.Active) continue;
            if (row.Active == true) { employee.Reactivate(); reactivated++; }
            else { employee.Deactivate(now); deactivated++; }
            if (!added.Contains(row.Nip.Value)) changed.Add(row.Nip.Value);
        }
        if (deactivateMissing)
        {
            var listed = rows.Select(r => r.Nip.Value).ToHashSet();
            foreach (var employee in stored.Values.Where(e => e.IsActive && !listed.Contains(e.Nip)))
            {
                employee.Deactivate(now);
                deactivated++;
            }
        }
        return (deactivated, reactivated);
    }

    private void Error(int file, CsvFile csv, int line, string message) => _errors.Add((file, new SourceProblem(csv.Name, line, message)));

    private bool Required(int file, CsvFile csv, CsvRow line, string column, int maxLength)
    {
        var value = line[column];
        if (value.Length == 0) Error(file, csv, line.Line, text["Organisation.Onboarding.Required", column]);
        else if (value.Length > maxLength) Error(file, csv, line.Line, text["Organisation.Onboarding.TooLong", column, maxLength]);
        else return true;
        return false;
    }

    private List<UnitRow> CheckUnits(CsvFile csv, Dictionary<string, Unit> stored)
    {
        const int file = 0;
        var lines = CsvSheet.Read(csv, UnitColumns, UnitOptional, (line, message) => Error(file, csv, line, message), text);
        if (lines is null) return [];

        var rows = new List<UnitRow>();
        var seen = new Dictionary<string, int>(Codes);
        foreach (var line in lines)
        {
            var ok = Required(file, csv, line, "code", 50) & Required(file, csv, line, "name", 300);
            var code = line["code"];
            if (code.Length > 0 && !seen.TryAdd(code, line.Line))
            {
                Error(file, csv, line.Line, text["Organisation.Onboarding.DuplicateCode", code, seen[code]]);
                continue;
            }
            if (ok) rows.Add(new UnitRow(line.Line, code, line["name"], line["parent_code"] is { Length: > 0 } parent ? parent : null));
        }

        _unitCodes.UnionWith(seen.Keys);
        foreach (var row in rows.Where(r => r.ParentCode is not null && !seen.ContainsKey(r.ParentCode) && !stored.ContainsKey(r.ParentCode)))
            Error(file, csv, row.Line, text["Organisation.Onboarding.UnknownParent", row.ParentCode!]);

        // The hierarchy as it would stand after the import: stored units, overridden by the file.
        var codeById = stored.Values.ToDictionary(u => u.Id, u => u.Code);
        var parents = stored.Values.ToDictionary(u => u.Code, u => u.ParentId is { } id ? codeById.GetValueOrDefault(id) : null, Codes);
        foreach (var row in rows) parents[row.Code] = row.ParentCode;
        foreach (var (line, cycle) in Cycles(rows.Select(r => (r.Line, r.Code)), parents))
            Error(file, csv, line, text["Organisation.Onboarding.UnitCycle", cycle]);
        return rows;
    }

    private List<PositionRow> CheckPositions(CsvFile csv)
    {
        const int file = 1;
        var lines = CsvSheet.Read(csv, PositionColumns, [], (line, message) => Error(file, csv, line, message), text);
        if (lines is null) return [];

        var rows = new List<PositionRow>();
        var seen = new Dictionary<string, int>(Codes);
        foreach (var line in lines)
        {
            var ok = Required(file, csv, line, "code", 50) & Required(file, csv, line, "name", 300);
            var code = line["code"];
            if (code.Length > 0 && !seen.TryAdd(code, line.Line))
                Error(file, csv, line.Line, text["Organisation.Onboarding.DuplicateCode", code, seen[code]]);
            else if (ok) rows.Add(new PositionRow(line.Line, code, line["name"]));
        }
        _positionCodes.UnionWith(seen.Keys);
        return rows;
    }

    private List<EmployeeRow> CheckEmployees(CsvFile csv, Dictionary<string, Unit> storedUnits, Dictionary<string, Position> storedPositions, Dictionary<string, Employee> stored)
    {
        const int file = 2;
        var lines = CsvSheet.Read(csv, EmployeeColumns, [RolesColumn, StatusColumn], (line, message) => Error(file, csv, line, message), text);
        if (lines is null) return [];

        // A units or positions file with a broken header says nothing about which codes exist: skip those checks then.
        var unitsKnown = !_errors.Any(e => e.File == 0 && e.Error.Line == 1);
        var positionsKnown = !_errors.Any(e => e.File == 1 && e.Error.Line == 1);
        var unitCodes = _unitCodes.Concat(storedUnits.Keys).ToHashSet(Codes);
        var positionCodes = _positionCodes.Concat(storedPositions.Keys).ToHashSet(Codes);

        var rows = new List<EmployeeRow>();
        var seen = new Dictionary<string, int>();
        foreach (var line in lines)
        {
            var ok = Required(file, csv, line, "name", 200) & Required(file, csv, line, "unit_code", 50);

            var nip = default(Nip);
            if (line["nip"].Length == 0)
            {
                Error(file, csv, line.Line, text["Organisation.Onboarding.Required", "nip"]);
                ok = false;
            }
            else if (!Nip.TryParse(line["nip"], out nip, out var nipError))
            {
                Error(file, csv, line.Line, text["Organisation.Onboarding.InvalidNip", line["nip"], Reason(nipError!)]);
                ok = false;
            }
            else if (!seen.TryAdd(nip.Value, line.Line))
            {
                Error(file, csv, line.Line, text["Organisation.Onboarding.DuplicateNip", nip.Value, seen[nip.Value]]);
                continue;
            }

            var email = line["email"];
            if (email.Length > 0 && !IsEmail(email))
            {
                Error(file, csv, line.Line, text["Organisation.Onboarding.InvalidEmail", email]);
                ok = false;
            }

            var unitCode = line["unit_code"];
            if (unitCode.Length > 0 && unitsKnown && !unitCodes.Contains(unitCode))
            {
                Error(file, csv, line.Line, text["Organisation.Onboarding.UnknownUnit", unitCode]);
                ok = false;
            }
            var positionCode = line["position_code"];
            if (positionCode.Length > 0 && positionsKnown && !positionCodes.Contains(positionCode))
            {
                Error(file, csv, line.Line, text["Organisation.Onboarding.UnknownPosition", positionCode]);
                ok = false;
            }

            string? supervisor = null;
            if (line["supervisor_nip"] is { Length: > 0 } rawSupervisor)
            {
                if (!Nip.TryParse(rawSupervisor, out var supervisorNip, out var supervisorError))
                {
                    Error(file, csv, line.Line, text["Organisation.Onboarding.InvalidSupervisorNip", rawSupervisor, Reason(supervisorError!)]);
                    ok = false;
                }
                else if (supervisorNip.Value == Nip.Normalise(line["nip"]))
                {
                    Error(file, csv, line.Line, text["Organisation.Onboarding.SelfSupervisor"]);
                    ok = false;
                }
                else supervisor = supervisorNip.Value;
            }

            var roles = new List<string>();
            foreach (var word in line[RolesColumn].Split(['|', ' ', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (RoleNames.TryGetValue(word, out var role)) roles.Add(role);
                else
                {
                    Error(file, csv, line.Line, text["Organisation.Onboarding.UnknownRole", word]);
                    ok = false;
                }
            }

            bool? active = null;
            if (line[StatusColumn] is { Length: > 0 } status)
            {
                if (StatusNames.TryGetValue(status.Trim(), out var known)) active = known;
                else
                {
                    Error(file, csv, line.Line, text["Organisation.Onboarding.UnknownStatus", status]);
                    ok = false;
                }
            }

            if (ok) rows.Add(new EmployeeRow(line.Line, nip, line["name"], email.Length > 0 ? email : null, unitCode,
                positionCode.Length > 0 ? positionCode : null, supervisor,
                Roles.All.Where(roles.Contains).ToList(), active));
        }

        foreach (var row in rows.Where(r => r.SupervisorNip is not null && !seen.ContainsKey(r.SupervisorNip) && !stored.ContainsKey(r.SupervisorNip)))
            Error(file, csv, row.Line, text["Organisation.Onboarding.UnknownSupervisor", row.SupervisorNip!]);

        // The lines of report as they would stand after the import: stored ones, overridden by the file.
        var nipById = stored.Values.ToDictionary(e => e.Id, e => e.Nip);
        var supervisors = stored.Values.ToDictionary(e => e.Nip, e => e.SupervisorId is { } id ? nipById.GetValueOrDefault(id) : null);
        foreach (var row in rows) supervisors[row.Nip.Value] = row.SupervisorNip;
        foreach (var (line, cycle) in Cycles(rows.Select(r => (r.Line, r.Nip.Value)), supervisors))
            Error(file, csv, line, text["Organisation.Onboarding.SupervisorCycle", cycle]);
        return rows;
    }

    private string Reason(NipError error) => text[$"Organisation.Nip.{error.Fault}", error.Detail];

    private static bool IsEmail(string value) =>
        value.Length <= 200 && !value.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.');

    /// <summary>Each cycle once, at the first line in the file that takes part in it, as "A → B → A".</summary>
    private static IEnumerable<(int Line, string Cycle)> Cycles(IEnumerable<(int Line, string Key)> rows, Dictionary<string, string?> up)
    {
        var reported = new HashSet<string>(Codes);
        foreach (var (line, key) in rows)
        {
            if (reported.Contains(key)) continue;
            var path = new List<string> { key };
            var visited = new HashSet<string>(Codes) { key };
            for (var current = key; up.TryGetValue(current, out var next) && next is not null; current = next)
            {
                if (Codes.Equals(next, key))
                {
                    reported.UnionWith(path);
                    yield return (line, string.Join(" → ", path.Append(next)));
                    break;
                }
                if (!visited.Add(next)) break; // a cycle above this row, reported at its own members
                path.Add(next);
            }
        }
    }

    private OnboardingCounts ImportUnits(List<UnitRow> rows, Dictionary<string, Unit> stored)
    {
        int added = 0, updated = 0;
        var existing = rows.Where(r => stored.ContainsKey(r.Code)).Select(r => r.Code).ToHashSet(Codes);
        foreach (var row in rows.Where(r => !existing.Contains(r.Code)))
        {
            var unit = new Unit(row.Code, row.Name, null);
            db.Add(unit);
            stored[row.Code] = unit;
            added++;
        }
        // Ids are made on the client, so parents resolve before anything is saved.
        foreach (var row in rows)
        {
            var unit = stored[row.Code];
            var parentId = row.ParentCode is null ? (Guid?)null : stored[row.ParentCode].Id;
            if (unit.Name == row.Name && unit.ParentId == parentId) continue;
            unit.Update(row.Name, parentId);
            if (existing.Contains(row.Code)) updated++;
        }
        return new OnboardingCounts(added, updated, rows.Count - added - updated);
    }

    private OnboardingCounts ImportPositions(List<PositionRow> rows, Dictionary<string, Position> stored)
    {
        int added = 0, updated = 0;
        foreach (var row in rows)
        {
            if (!stored.TryGetValue(row.Code, out var position))
            {
                db.Add(stored[row.Code] = new Position(row.Code, row.Name));
                added++;
            }
            else if (position.Name != row.Name)
            {
                position.Rename(row.Name);
                updated++;
            }
        }
        return new OnboardingCounts(added, updated, rows.Count - added - updated);
    }

    /// <summary>Adds and updates everyone but their supervisors; returns the NIPs added and those of stored employees that changed.</summary>
    private (HashSet<string> Added, HashSet<string> Changed) ImportEmployees(List<EmployeeRow> rows, Dictionary<string, Unit> units,
        Dictionary<string, Position> positions, Dictionary<string, Employee> stored)
    {
        HashSet<string> added = [], changed = [];
        foreach (var row in rows)
        {
            var unitId = units[row.UnitCode].Id;
            var positionId = row.PositionCode is null ? (Guid?)null : positions[row.PositionCode].Id;
            if (!stored.TryGetValue(row.Nip.Value, out var employee))
            {
                employee = Employee.Register(row.Nip, row.Name, row.Email, unitId, positionId, row.Roles);
                db.Add(employee);
                stored[row.Nip.Value] = employee;
                added.Add(row.Nip.Value);
            }
            else if (employee.Name != row.Name || employee.Email != row.Email || employee.UnitId != unitId
                     || employee.PositionId != positionId || employee.Roles != Employee.RolesText(row.Roles))
            {
                employee.Update(row.Name, row.Email, unitId, positionId, row.Roles);
                changed.Add(row.Nip.Value);
            }
        }
        return (added, changed);
    }

    /// <summary>Second pass, once every employee of the file exists; returns the NIPs whose supervisor changed.</summary>
    private static List<string> LinkSupervisors(List<EmployeeRow> rows, Dictionary<string, Employee> stored)
    {
        var changed = new List<string>();
        foreach (var row in rows)
        {
            var employee = stored[row.Nip.Value];
            var supervisorId = row.SupervisorNip is null ? (Guid?)null : stored[row.SupervisorNip].Id;
            if (employee.SupervisorId == supervisorId) continue;
            employee.ReportTo(supervisorId);
            changed.Add(row.Nip.Value);
        }
        return changed;
    }
}
