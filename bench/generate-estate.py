#!/usr/bin/env python3
"""Generate a large synthetic OT estate as one Castellan workspace file (docs/workspace.md).

    python3 bench/generate-estate.py --sites 50 --zones 1000 --conduits 3000 --assets 100000 -o bench/out/estate.yaml

Standard library only, deterministic for a given --seed (default 1). Each site gets zones spread over the Purdue
levels (enterprise, DMZ, remote access, operations, SCADA, control areas, safety, field, wireless, temporary devices)
with their own 10.x.y.0/24 networks; assets carry real vendor/model/firmware mixes (the advisory-matching benchmark
relies on them), IPs inside their zone's networks and MACs from the vendors' OUIs; conduits join zones of the same
site at neighbouring levels with SL-T at least that of both zones; flows follow the conduits' channels; a share of
the zones carries IEC 62443-3-3 results up to its SL-T. The estate is mostly clean, with a few injected findings of
each kind (counted on stdout) so that `castellan check` has something to report.
"""

import argparse
import math
import os
import random
import sys
import time

# --- IEC 62443-3-3 SRs/REs with the lowest SL at which each is required (catalogs/iec62443-3-3-2013.yaml) ---------
_SR = ("1.1:1 1.1/1:2 1.1/2:3 1.1/3:4 1.2:2 1.2/1:3 1.3:1 1.3/1:3 1.4:1 1.5:1 1.5/1:3 1.6:1 1.6/1:2 1.7:1 1.7/1:3 "
       "1.7/2:4 1.8:2 1.9:2 1.9/1:3 1.10:1 1.11:1 1.12:1 1.13:1 1.13/1:2 2.1:1 2.1/1:2 2.1/2:2 2.1/3:3 2.1/4:4 2.2:1 "
       "2.2/1:3 2.3:1 2.3/1:3 2.4:1 2.4/1:3 2.5:1 2.6:2 2.7:3 2.8:1 2.8/1:3 2.9:1 2.9/1:3 2.10:1 2.11:2 2.11/1:3 "
       "2.11/2:4 2.12:3 2.12/1:4 3.1:1 3.1/1:3 3.2:1 3.2/1:2 3.2/2:3 3.3:1 3.3/1:3 3.3/2:4 3.4:2 3.4/1:3 3.5:1 3.6:1 "
       "3.7:2 3.8:2 3.8/1:3 3.8/2:3 3.8/3:4 3.9:2 3.9/1:4 4.1:1 4.1/1:2 4.1/2:3 4.2:2 4.2/1:3 4.3:1 5.1:1 5.1/1:2 "
       "5.1/2:3 5.1/3:4 5.2:1 5.2/1:2 5.2/2:3 5.2/3:3 5.3:1 5.3/1:3 5.4:1 6.1:1 6.1/1:3 6.2:2 7.1:1 7.1/1:2 7.1/2:3 "
       "7.2:1 7.3:1 7.3/1:2 7.3/2:3 7.4:1 7.5:1 7.6:1 7.6/1:3 7.7:1 7.8:2")
REQUIREMENTS = []  # (id, fr, lowest level)
for _item in _SR.split():
    _ref, _lvl = _item.split(":")
    _sr, _, _re = _ref.partition("/")
    REQUIREMENTS.append((f"SR {_sr}" + (f" RE {_re}" if _re else ""), int(_sr.split(".")[0]), int(_lvl)))

# --- products: (vendor, model, type, componentType, firmware versions, end of support or None, legacy, SL-C or None) --
P = lambda vendor, model, typ, ct, fw, eos=None, legacy=False, slc=None: (vendor, model, typ, ct, tuple(fw.split("|")), eos, legacy, slc)

WIN_HOSTS = [
    P("Microsoft", "Windows 10 IoT Enterprise LTSC 2021", "", "HDR", "10.0.19044.4894|10.0.19044.5247|10.0.19044.5371", "2032-01-13"),
    P("Microsoft", "Windows 10 Enterprise LTSC 2019", "", "HDR", "10.0.17763.6414|10.0.17763.6659", "2029-01-09"),
    P("Microsoft", "Windows 11 IoT Enterprise LTSC 2024", "", "HDR", "10.0.26100.2605|10.0.26100.2894", "2034-10-10"),
    P("Microsoft", "Windows 7 Professional SP1", "", "HDR", "6.1.7601.24544", "2020-01-14", True),
    P("Microsoft", "Windows XP Professional SP3", "", "HDR", "5.1.2600.5512", "2014-04-08", True),
]
WIN_SERVERS = [
    P("Microsoft", "Windows Server 2022", "", "HDR", "10.0.20348.2849|10.0.20348.3091", "2031-10-14"),
    P("Microsoft", "Windows Server 2019", "", "HDR", "10.0.17763.6659|10.0.17763.6893", "2029-01-09"),
    P("Microsoft", "Windows Server 2016", "", "HDR", "10.0.14393.7606", "2027-01-12"),
    P("Microsoft", "Windows Server 2012 R2", "", "HDR", "6.3.9600.21620", "2023-10-10", True),
]
SCADA_SW = [
    P("AVEVA", "System Platform 2023 R2", "scada-server", "SAR", "2023 R2|2023 R2 SP1"),
    P("AVEVA", "InTouch HMI 2020 R2", "hmi", "SAR", "2020 R2 SP1|2020 R2 SP1 P01"),
    P("Siemens", "SIMATIC WinCC V7.5", "scada-server", "SAR", "7.5 SP2 Update 13|7.5 SP2 Update 16"),
    P("Siemens", "SIMATIC WinCC Unified V19", "hmi", "SAR", "19.0.0.0|19.0.0.3"),
    P("Siemens", "SIMATIC PCS 7 V9.1", "scada-server", "SAR", "9.1 SP2|9.1 SP2 UC04"),
    P("Rockwell Automation", "FactoryTalk View SE", "hmi", "SAR", "13.00|14.00|15.00"),
    P("Inductive Automation", "Ignition", "scada-server", "SAR", "8.1.33|8.1.42|8.1.44"),
    P("Schneider Electric", "EcoStruxure Geo SCADA Expert 2023", "scada-server", "SAR", "2023 (83.8580.1)|2023 May 2024"),
    P("Honeywell", "Experion PKS R520", "scada-server", "SAR", "R520.2|R520.2 TCU3"),
    P("Emerson", "DeltaV Operator Station 14.3", "hmi", "SAR", "14.3.1|14.3.2"),
    P("Yokogawa", "CENTUM VP HIS R6.10", "hmi", "SAR", "R6.10.00|R6.10.10"),
    P("ABB", "800xA Operator Workplace 6.1", "hmi", "SAR", "6.1.1|6.1.1-2"),
    P("GE Vernova", "CIMPLICITY 2023", "scada-server", "SAR", "2023|2023 SIM 2"),
]
HISTORIANS = [
    P("AVEVA", "PI Server 2023", "historian", "SAR", "2023|2023 Patch 1", "2030-12-31"),
    P("AVEVA", "PI Server 2018 SP3", "historian", "SAR", "2018 SP3 Patch 4|2018 SP3 Patch 6", "2027-09-30"),
    P("AVEVA", "Historian 2023 R2", "historian", "SAR", "2023 R2"),
    P("Rockwell Automation", "FactoryTalk Historian SE", "historian", "SAR", "8.00|9.01"),
    P("Honeywell", "Uniformance PHD R410", "historian", "SAR", "R410.1"),
]
OPC = [
    P("PTC", "Kepware KEPServerEX", "opc-server", "SAR", "6.14|6.15|6.16|6.17"),
    P("Matrikon", "OPC UA Tunneller", "opc-server", "SAR", "6.2.1"),
    P("Softing", "dataFEED OPC Suite", "opc-server", "SAR", "5.30|5.40"),
]
CONTROLLERS = [
    P("Siemens", "S7-1516-3 PN/DP (6ES7 516-3AN02-0AB0)", "plc", "EDR", "2.9.4|2.9.7|3.0.3|3.1.2|3.1.4", "2035-12-31", slc="2 2 2 2 2 2 2"),
    P("Siemens", "S7-1515-2 PN (6ES7 515-2AM02-0AB0)", "plc", "EDR", "2.9.4|3.0.3|3.1.2", "2035-12-31", slc="2 2 2 2 2 2 2"),
    P("Siemens", "S7-1518-4 PN/DP (6ES7 518-4AP00-0AB0)", "plc", "EDR", "2.8.3|2.9.4|3.1.2"),
    P("Siemens", "S7-1214C DC/DC/DC (6ES7 214-1AG40-0XB0)", "plc", "EDR", "4.4.1|4.5.2|4.6.1|4.7.0"),
    P("Siemens", "CPU 1512SP-1 PN (6ES7 512-1DK01-0AB0)", "plc", "EDR", "2.9.4|3.0.3"),
    P("Siemens", "S7-315-2 PN/DP (6ES7 315-2EH14-0AB0)", "plc", "EDR", "3.2.8|3.2.12|3.2.17", "2023-09-30", True),
    P("Siemens", "S7-317-2 PN/DP (6ES7 317-2EK14-0AB0)", "plc", "EDR", "3.2.8|3.2.17", "2023-09-30", True),
    P("Siemens", "S7-410-5H (6ES7 410-5HX08-0AB0)", "dcs-controller", "EDR", "8.2.2|8.2.3"),
    P("Rockwell Automation", "ControlLogix 1756-L83E", "plc", "EDR", "32.011|33.015|34.014|35.011|36.011"),
    P("Rockwell Automation", "ControlLogix 1756-L85E", "plc", "EDR", "33.015|35.011"),
    P("Rockwell Automation", "ControlLogix 1756-L73", "plc", "EDR", "20.055|21.011|24.011"),
    P("Rockwell Automation", "ControlLogix 1756-L71", "plc", "EDR", "20.054|21.011", "2022-12-31", True),
    P("Rockwell Automation", "CompactLogix 5069-L320ER", "plc", "EDR", "33.011|34.011|35.013"),
    P("Rockwell Automation", "CompactLogix 1769-L33ER", "plc", "EDR", "30.014|31.011|32.016"),
    P("Rockwell Automation", "MicroLogix 1400 1766-L32BXB", "plc", "EDR", "21.003|21.007", "2021-06-30", True),
    P("Schneider Electric", "Modicon M580 BMEP584040", "plc", "EDR", "3.20|4.01|4.10|4.20", slc="2 2 2 1 2 1 2"),
    P("Schneider Electric", "Modicon M580 BMEP582040", "plc", "EDR", "4.10|4.20", slc="2 2 2 1 2 1 2"),
    P("Schneider Electric", "Modicon M340 BMXP342020", "plc", "EDR", "3.40|3.50|3.51"),
    P("Schneider Electric", "Modicon M221 TM221CE24R", "plc", "EDR", "1.14.2.3|1.15.0.1"),
    P("Schneider Electric", "Modicon Quantum 140CPU65160", "plc", "EDR", "3.60", "2020-12-31", True),
    P("ABB", "AC800M PM866A", "dcs-controller", "EDR", "6.1.1|6.2.0"),
    P("ABB", "AC800M PM891", "dcs-controller", "EDR", "6.1.1|6.2.0"),
    P("ABB", "AC500 PM5650-2ETH", "plc", "EDR", "3.5.0|3.6.0|3.7.0"),
    P("Honeywell", "Experion C300 CC-PCNT02", "dcs-controller", "EDR", "R511.5|R520.2"),
    P("Honeywell", "ControlEdge PLC UOC", "plc", "EDR", "R160.1|R170.2"),
    P("Emerson", "DeltaV MQ Controller VE3007", "dcs-controller", "EDR", "14.3.1|14.3.2|15.1"),
    P("Emerson", "DeltaV PK Controller VE3008", "dcs-controller", "EDR", "14.3.1|15.1"),
    P("Yokogawa", "CENTUM VP FCS AFV30D", "dcs-controller", "EDR", "R6.09|R6.10"),
    P("Mitsubishi Electric", "MELSEC iQ-R R04CPU", "plc", "EDR", "57|60|62"),
    P("Mitsubishi Electric", "MELSEC iQ-F FX5U-32MR/ES", "plc", "EDR", "1.280|1.290|1.300"),
    P("Mitsubishi Electric", "MELSEC-Q Q03UDVCPU", "plc", "EDR", "24|28"),
    P("Omron", "NJ501-1300", "plc", "EDR", "1.48|1.49|1.60"),
    P("Omron", "NX102-9000", "plc", "EDR", "1.48|1.50"),
    P("Omron", "CJ2M-CPU33", "plc", "EDR", "2.1", "2024-03-31", True),
    P("Phoenix Contact", "AXC F 2152", "plc", "EDR", "2023.0.2|2024.0.1|2024.6.0"),
    P("Phoenix Contact", "ILC 151 ETH", "plc", "EDR", "4.42", "2022-12-31", True),
    P("Beckhoff", "CX5140", "plc", "EDR", "3.1.4024.53|3.1.4026.5"),
    P("WAGO", "PFC200 750-8212", "plc", "EDR", "04.02.13|04.04.03"),
]
COMMS_MODULES = [
    P("Rockwell Automation", "1756-ENBT/A", "other", "EDR", "4.3|6.006", "2019-12-31", True),
    P("Rockwell Automation", "1756-EN2T/D", "other", "EDR", "11.002|12.001"),
    P("Rockwell Automation", "1756-EN2TR/C", "other", "EDR", "11.002|12.001"),
    P("Schneider Electric", "Modicon BMENOC0301", "other", "EDR", "3.01|3.05"),
    P("Siemens", "CP 1543-1 (6GK7 543-1AX00-0XE0)", "other", "EDR", "3.0.37|3.1.5"),
    P("Siemens", "CP 343-1 Lean (6GK7 343-1CX10-0XE0)", "other", "EDR", "3.1.3", "2023-09-30", True),
    P("Moxa", "MGate MB3180", "other", "EDR", "2.2|2.3"),
    P("Moxa", "NPort 5150", "other", "EDR", "3.9|3.11"),
]
RTU_IED = [
    P("Schneider Electric", "SCADAPack 474", "rtu", "EDR", "9.8.1|9.8.2"),
    P("ABB", "RTU560 560CMU05", "rtu", "EDR", "13.4.1|13.5"),
    P("Honeywell", "ControlEdge RTU2020", "rtu", "EDR", "R160|R170"),
    P("Emerson", "ROC800", "rtu", "EDR", "3.75|3.81"),
    P("Yokogawa", "STARDOM FCN-500 NFCP501", "rtu", "EDR", "R4.50|R4.60"),
    P("SEL", "SEL-751", "ied", "EDR", "R412|R420"),
    P("SEL", "SEL-3530 RTAC", "rtu", "EDR", "R151|R152"),
    P("Siemens", "SIPROTEC 5 7SJ82", "ied", "EDR", "9.40|9.64"),
    P("Hitachi Energy", "Relion REF615", "ied", "EDR", "5.0 FP1|5.0 FP2"),
]
SAFETY = [
    P("HIMA", "HIMax X-CPU 01", "safety-controller", "EDR", "10.44|10.50"),
    P("HIMA", "HIMatrix F35", "safety-controller", "EDR", "10.42|10.44"),
    P("Siemens", "S7-1516F-3 PN/DP (6ES7 516-3FN02-0AB0)", "safety-controller", "EDR", "2.9.4|3.1.2"),
    P("Rockwell Automation", "GuardLogix 1756-L83ES", "safety-controller", "EDR", "33.015|35.011"),
    P("Schneider Electric", "Triconex Tricon TCM 4351B", "safety-controller", "EDR", "11.3|11.6"),
    P("Honeywell", "Safety Manager SC", "safety-controller", "EDR", "R160.1|R170.1"),
    P("Emerson", "DeltaV SIS SLS 1508", "safety-controller", "EDR", "14.3.1|15.1"),
    P("Yokogawa", "ProSafe-RS SCS SSC60D", "safety-controller", "EDR", "R4.07|R4.08"),
]
PANELS = [
    P("Siemens", "SIMATIC HMI TP1200 Comfort (6AV2124-0MC01-0AX0)", "hmi", "EDR", "16.0.0.0|17.0.0.0|18.0.0.0"),
    P("Siemens", "SIMATIC HMI KTP700 Basic (6AV2123-2GB03-0AX0)", "hmi", "EDR", "17.0.0.0|18.0.0.0"),
    P("Rockwell Automation", "PanelView Plus 7 2711P-T10C22D9P", "hmi", "EDR", "12.00|13.00|14.00"),
    P("Schneider Electric", "Harmony GTU HMIG5U", "hmi", "EDR", "3.2|3.3"),
    P("Siemens", "SIMATIC Panel PC 677B", "hmi", "HDR", "XPe SP3", "2016-01-12", True),
]
FIELD = [
    P("Siemens", "ET 200SP IM 155-6 PN HF (6ES7 155-6AU01-0CN0)", "other", "EDR", "4.2.3|4.2.5"),
    P("Rockwell Automation", "1734-AENTR POINT I/O", "other", "EDR", "6.012|7.001"),
    P("Phoenix Contact", "AXL F BK PN", "other", "EDR", "1.31|1.40"),
    P("WAGO", "750-362 Modbus TCP coupler", "other", "EDR", "01.05|01.06"),
    P("Siemens", "SINAMICS G120 CU250S-2 PN", "drive", "EDR", "4.7.13|4.7.15"),
    P("Rockwell Automation", "PowerFlex 755 (20G)", "drive", "EDR", "14.003|15.002"),
    P("ABB", "ACS880-01 with FENA-21", "drive", "EDR", "3.40|3.50"),
    P("Danfoss", "VLT AutomationDrive FC 302", "drive", "EDR", "8.42|8.51"),
    P("Endress+Hauser", "Proline Promag W 400", "sensor", "EDR", "01.02.00|01.03.00"),
    P("Endress+Hauser", "Micropilot FMR62", "sensor", "EDR", "01.01.zz|01.02.zz"),
    P("Emerson", "Rosemount 3051S", "sensor", "EDR", "7|8"),
    P("Yokogawa", "EJA110E", "sensor", "EDR", "2.10|2.20"),
    P("Hach", "SC4500 controller", "sensor", "EDR", "1.40|1.50"),
    P("Siemens", "SITRANS FM MAG 6000", "sensor", "EDR", "4.03|4.06"),
    P("Grundfos", "DDA with CIM 500", "actuator", "EDR", "1.2.0|1.3.0"),
    P("AUMA", "SA 07.2 with AC 01.2 Profinet", "actuator", "EDR", "05.00.10|05.01.04"),
]
SWITCHES = [
    P("Hirschmann", "RSP35", "switch", "NDR", "09.0.04|09.1.00|09.4.01", slc="2 2 2 2 2 2 2"),
    P("Hirschmann", "GREYHOUND GRS1042", "switch", "NDR", "09.1.00|09.4.01", slc="2 2 2 2 2 2 2"),
    P("Hirschmann", "RS20-0800T1T1SDAE", "switch", "NDR", "09.1.08|09.2.00"),
    P("Hirschmann", "MACH104-20TX-F", "switch", "NDR", "09.0.08"),
    P("Moxa", "EDS-G4012", "switch", "NDR", "4.1|4.2", slc="2 2 2 2 2 2 2"),
    P("Moxa", "EDS-510E-3GTXSFP", "switch", "NDR", "5.7|5.8"),
    P("Moxa", "EDS-508A", "switch", "NDR", "3.8|3.11"),
    P("Cisco", "Catalyst IE-3400-8T2S", "switch", "NDR", "17.9.4|17.9.5|17.12.3"),
    P("Cisco", "Catalyst IE-4000-8GT4G-E", "switch", "NDR", "15.2(7)E8|15.2(8)E4"),
    P("Cisco", "Catalyst 2960-X", "switch", "NDR", "15.2(7)E10", "2027-10-31"),
    P("Siemens", "SCALANCE XC208 (6GK5208-0BA00-2AC2)", "switch", "NDR", "4.4|4.5"),
    P("Phoenix Contact", "FL SWITCH 2308", "switch", "NDR", "3.00|3.10"),
]
FIREWALLS = [
    P("Fortinet", "FortiGate 100F", "firewall", "NDR", "7.2.8|7.2.10|7.4.4|7.4.5"),
    P("Fortinet", "FortiGate Rugged 60F", "firewall", "NDR", "7.2.8|7.4.5"),
    P("Fortinet", "FortiGate 200F", "firewall", "NDR", "7.2.10|7.4.5"),
    P("Cisco", "ISA-3000-4C", "firewall", "NDR", "7.2.5|7.2.9|7.4.1"),
    P("Cisco", "Firepower 1120", "firewall", "NDR", "7.2.9|7.4.1"),
    P("Hirschmann", "EAGLE40-07", "firewall", "NDR", "04.2.00|04.4.00"),
    P("Phoenix Contact", "FL MGUARD RS4000", "firewall", "NDR", "8.8.5|8.9.3"),
    P("Palo Alto Networks", "PA-220R", "firewall", "NDR", "10.2.10|11.1.4"),
]
ROUTERS = [
    P("Cisco", "IR1101", "router", "NDR", "17.9.4|17.12.3"),
    P("Phoenix Contact", "TC ROUTER 3002T-4G", "router", "NDR", "2.07.2|2.08.1"),
    P("Moxa", "EDR-G9010", "router", "NDR", "3.0|3.1"),
]
DIODES = [P("Waterfall Security", "Unidirectional Security Gateway WF-500", "data-diode", "NDR", "8.2|9.0"),
          P("Owl Cyber Defense", "OPDS-100", "data-diode", "NDR", "5.2")]
WIRELESS = [
    P("Siemens", "SCALANCE W1788-2 M12 (6GK5788-2GD00-0AA0)", "wireless-access-point", "NDR", "3.0.1|3.1.0"),
    P("Cisco", "Catalyst IW9167E", "wireless-access-point", "NDR", "17.12.2|17.12.3"),
    P("Moxa", "AWK-1137C", "wireless-access-point", "NDR", "1.6|1.7"),
    P("Emerson", "Rosemount 1410S Wireless Gateway", "other", "EDR", "2.1.5|2.2.0"),
    P("Emerson", "Rosemount 648 Wireless", "sensor", "EDR", "4|5"),
    P("Emerson", "Rosemount 3051S Wireless", "sensor", "EDR", "7|8"),
    P("Honeywell", "OneWireless WDM R320", "other", "EDR", "R320.1"),
]
CAMERAS = [P("Axis", "P3265-LVE", "other", "EDR", "10.12.213|11.11.124"), P("Axis", "Q6135-LE", "other", "EDR", "10.12.213|11.11.124")]
LAPTOPS = [P("Dell", "Latitude 7330 Rugged Extreme", "laptop", "HDR", "1.27.0|1.28.0"), P("Panasonic", "TOUGHBOOK 40", "laptop", "HDR", "V1.00L13|V1.00L15"),
           P("Dell", "Latitude 5430 Rugged", "laptop", "HDR", "1.26.0|1.27.0")]
OFFICE = [P("Microsoft", "Windows 11 Enterprise", "workstation", "HDR", "23H2 (22631.4602)|24H2 (26100.2605)"),
          P("Microsoft", "Windows 10 Enterprise", "workstation", "HDR", "22H2 (19045.5247)", "2025-10-14")]
PRINTERS = [P("HP", "LaserJet Enterprise M611dn", "printer", "", "5.7.1|5.8"), P("Canon", "imageRUNNER ADVANCE DX C5860i", "printer", "", "Ver 30.07")]
OT_SERVICES = [P("Meinberg", "LANTIME M300/GPS", "other", "EDR", "7.08.010|7.10.004"), P("Veeam", "Backup & Replication", "other", "SAR", "12.1|12.2"),
               P("Splunk", "Splunk Enterprise (heavy forwarder)", "other", "SAR", "9.1.6|9.2.4"), P("Nozomi Networks", "Guardian NSG-M", "other", "NDR", "24.2.0|24.4.1"),
               P("Claroty", "xDome Collection Server", "other", "SAR", "5.3")]

OUI = {"Siemens": ["00:1b:1b", "28:63:36", "00:0e:8c"], "Rockwell Automation": ["00:00:bc", "5c:88:16", "e4:90:69"],
       "Schneider Electric": ["00:80:f4", "00:00:54"], "Hirschmann": ["ec:74:ba", "00:80:63"], "Moxa": ["00:90:e8"], "Cisco": ["00:00:0c"],
       "Fortinet": ["00:09:0f"], "Microsoft": ["00:50:56", "b0:83:fe", "18:66:da"], "Axis": ["ac:cc:8e", "00:40:8c"], "Dell": ["b0:83:fe", "18:66:da"],
       "Phoenix Contact": ["00:a0:45"], "Beckhoff": ["00:01:05"], "WAGO": ["00:30:de"], "Meinberg": ["ec:46:70"], "Omron": ["00:00:0a"]}

VENDOR_ALIASES = {"Rockwell Automation": ["Allen-Bradley", "Rockwell Automation/Allen-Bradley"], "Siemens": ["Siemens AG"], "Schneider Electric": ["Schneider", "Telemecanique"]}

def only(group, *models):
    """The products of a group with these models (fails loudly when a name is mistyped)."""
    found = [p for p in group if p[1] in models]
    assert len(found) == len(models), models
    return found


# --- zone kinds: Purdue level, share of the site's assets, product groups with weights, SL-T base ----------------------
HOSTS = "hosts"  # placeholder: Windows host or SCADA software, picked per type
KINDS = {
    "enterprise": (4, 6, [(OFFICE, 60), (WIN_SERVERS, 15), (PRINTERS, 10), (only(SWITCHES, "Catalyst 2960-X"), 8), (only(FIREWALLS, "FortiGate 200F"), 3)], "2 2 2 2 2 1 1"),
    "dmz": (3.5, 1, [(HISTORIANS, 20), (WIN_SERVERS, 25), (only(OT_SERVICES, "Splunk Enterprise (heavy forwarder)"), 10), (only(SWITCHES, "Catalyst IE-3400-8T2S"), 10), (FIREWALLS, 10), (DIODES, 5)], "3 3 3 2 3 2 2"),
    "remote-access": (3.5, 0.4, [(only(WIN_SERVERS, "Windows Server 2022", "Windows Server 2019"), 40), (only(FIREWALLS, "FortiGate 100F", "FortiGate Rugged 60F", "FortiGate 200F"), 30), (only(SWITCHES, "Catalyst IE-3400-8T2S"), 10)], "3 3 3 3 3 2 2"),
    "operations": (3, 3, [(HISTORIANS, 15), (OPC, 10), (WIN_SERVERS, 25), (HOSTS, 20), (OT_SERVICES, 15), (only(SWITCHES, "RSP35", "GREYHOUND GRS1042"), 8), (FIREWALLS, 4), (ROUTERS, 2)], "2 2 2 2 2 2 2"),
    "scada": (2, 6, [(SCADA_SW, 30), (HOSTS, 45), (OPC, 8), (SWITCHES, 8), (only(FIREWALLS, "ISA-3000-4C"), 2), (CAMERAS, 5)], "2 2 2 1 2 2 2"),
    "control": (1, 20, [(CONTROLLERS, 55), (COMMS_MODULES, 10), (RTU_IED, 10), (PANELS, 12), (SWITCHES, 10), (only(FIREWALLS, "ISA-3000-4C"), 1)], "2 2 2 1 2 1 2"),
    "safety": (1, 3, [(SAFETY, 60), (HOSTS, 10), (only(SWITCHES, "RSP35", "GREYHOUND GRS1042"), 15), (only(FIREWALLS, "EAGLE40-07"), 5)], "3 3 3 1 3 2 3"),
    "field": (0, 40, [(FIELD, 90), (SWITCHES, 8)], "1 1 1 0 1 0 2"),
    "wireless": (2, 3, [(WIRELESS, 90), (HOSTS, 10)], "2 2 2 2 2 1 2"),
    "temporary": (2, 0.5, [(LAPTOPS, 100)], "2 2 2 1 2 1 1"),
}
BASE_KINDS = ["enterprise", "dmz", "operations", "scada", "control", "field", "safety", "remote-access", "wireless", "temporary"]
AREA_KINDS = ["control", "field", "control", "scada", "field", "safety"]
HOST_ROLE = {"operations": "engineering-workstation", "scada": None, "safety": "engineering-workstation", "wireless": "hmi"}
SLT_METHODS = ["risk-reduction", "threat-capability", "consequence", "manual"]
KIND_NAMES = {"enterprise": "Enterprise IT", "dmz": "Industrial DMZ", "remote-access": "Vendor remote access", "operations": "Site operations",
              "scada": "SCADA", "control": "Basic control", "safety": "Safety instrumented system", "field": "Field devices",
              "wireless": "Wireless", "temporary": "Temporary devices"}
ABBR = {"plc": "plc", "rtu": "rtu", "ied": "ied", "safety-controller": "sis", "dcs-controller": "dcs", "hmi": "hmi", "engineering-workstation": "ews",
        "historian": "hist", "scada-server": "scada", "opc-server": "opc", "server": "srv", "workstation": "ws", "laptop": "lap", "printer": "prn",
        "switch": "sw", "router": "rtr", "firewall": "fw", "data-diode": "diode", "wireless-access-point": "wap", "jump-host": "jh", "sensor": "sen",
        "actuator": "act", "drive": "drv", "other": "dev"}
# Assets out of support before this date get a compensation (or count as an injected finding), so the estate's
# findings stay the same for a while whatever day `castellan check` runs.
SUPPORT_HORIZON = "2028-01-01"
READER_LIMIT = 32 * 1024 * 1024  # src/Castellan.Core/Common/YamlFile.cs refuses larger files; the default size stays below

# channels per (upper kind, lower kind): protocol, port, direction from the upper zone's side
CH = {
    ("enterprise", "dmz"): [("https", 443, "from-to")],
    ("enterprise", "remote-access"): [("rdp", 3389, "from-to")],
    ("dmz", "operations"): [("pi", 5450, "to-from"), ("https", 8531, "to-from"), ("syslog", 514, "to-from")],
    ("remote-access", "operations"): [("rdp", 3389, "from-to")],
    ("operations", "scada"): [("opc-ua", 4840, "from-to"), ("rdp", 3389, "from-to"), ("ntp", 123, "to-from"), ("syslog", 514, "to-from")],
    ("scada", "control"): [("s7comm", 102, "from-to"), ("enip", 44818, "from-to"), ("modbus-tcp", 502, "from-to"), ("opc-ua", 4840, "from-to")],
    ("scada", "safety"): [("modbus-tcp", 502, "from-to")],
    ("scada", "wireless"): [("modbus-tcp", 502, "from-to"), ("https", 443, "to-from")],
    ("scada", "temporary"): [("rdp", 3389, "to-from")],
    ("scada", "scada"): [("opc-ua", 4840, "both")],
    ("control", "field"): [("profinet", 34964, "from-to"), ("enip-io", 2222, "both"), ("modbus-tcp", 502, "from-to")],
    ("safety", "field"): [("profinet", 34964, "from-to")],
    ("control", "control"): [("enip", 44818, "both"), ("s7comm", 102, "both")],
    ("operations", "operations"): [("https", 443, "both")],
}
INDUSTRIES = [
    ("Water Treatment Works", ["Siemens", "Rockwell Automation", "Schneider Electric", "AVEVA"]),
    ("Wastewater Treatment Plant", ["Schneider Electric", "Siemens", "ABB"]),
    ("Chemical Plant", ["Emerson", "Yokogawa", "Honeywell"]),
    ("Refinery", ["Honeywell", "Yokogawa", "Emerson", "Schneider Electric"]),
    ("Power Substation", ["SEL", "Siemens", "Hitachi Energy", "ABB"]),
    ("Food Processing Plant", ["Rockwell Automation", "Omron", "Mitsubishi Electric"]),
    ("Pharmaceutical Plant", ["Siemens", "Emerson", "Rockwell Automation"]),
    ("Automotive Assembly Plant", ["Siemens", "Mitsubishi Electric", "Omron", "Beckhoff"]),
    ("Tank Farm and Terminal", ["Emerson", "Schneider Electric", "Honeywell"]),
    ("Pulp and Paper Mill", ["ABB", "Siemens", "Rockwell Automation"]),
]
PLACES = ["Riverside", "Northgate", "Eastfield", "Westbrook", "Southport", "Hillcrest", "Lakeside", "Oakwood", "Stonebridge",
          "Millbrook", "Ashford", "Kingsmere", "Redcliff", "Fairhaven", "Greenvale", "Brookhurst", "Elmstead", "Harrowden"]
EVIDENCE = {1: "Configuration baseline {doc} reviewed", 2: "Procedure {doc} and sample records", 3: "Tested in the {year} assessment ({doc})"}

_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._/()+-,&")


def q(text):
    """A YAML scalar: plain when that is safe and reads back as the same text, otherwise double-quoted."""
    if text and text[0].isalpha() and text[-1] != " " and set(text) <= _SAFE and text.lower() not in ("yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser(description="Generate a large synthetic OT estate as a Castellan workspace file.")
    ap.add_argument("--sites", type=int, default=50)
    ap.add_argument("--zones", type=int, default=1000, help="total zones (at least 3 per site)")
    ap.add_argument("--conduits", type=int, default=3000, help="total conduits, including one vendor VPN per site")
    ap.add_argument("--assets", type=int, default=100000)
    ap.add_argument("--flows", type=int, default=None, help="total flows (default: assets / 4)")
    ap.add_argument("--results-share", type=float, default=0.1, help="share of zones with IEC 62443-3-3 results (default 0.1)")
    ap.add_argument("--findings", type=int, default=3, help="injected findings per kind (default 3; 0 for a clean estate)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--risk", action="store_true", help="add a risk register: one assessment per zone with 5 threat scenarios, and an SL-T derivation per zone")
    ap.add_argument("-o", "--output", default="bench/out/estate.yaml")
    a = ap.parse_args()
    if a.sites < 1 or a.zones < 3 * a.sites or a.assets < a.zones or a.conduits < a.sites:
        ap.error("need sites >= 1, zones >= 3 per site, assets >= zones, conduits >= sites")
    started = time.perf_counter()
    rnd = random.Random(a.seed)
    flows_total = a.assets // 4 if a.flows is None else a.flows
    injected = {k: 0 for k in ("legacy-without-compensation", "component-slc-below-slt", "conduit-slt-below-zone", "flow-without-conduit", "remote-access-unapproved")}
    budget = dict.fromkeys(injected, a.findings)

    # ---- sites and zones ---------------------------------------------------------------------------------------------
    sites, zones = [], []  # zone: dict(id, site, kind, purdue, slt, weight, nets, assets)
    per_site = [a.zones // a.sites + (1 if i < a.zones % a.sites else 0) for i in range(a.sites)]
    for s in range(a.sites):
        industry, preferred = INDUSTRIES[s % len(INDUSTRIES)]
        sid = f"s{s + 1:03d}"
        sites.append((sid, f"{PLACES[s % len(PLACES)]} {industry}" + (f" {s // len(PLACES) + 1}" if s >= len(PLACES) else ""), industry, preferred))
        kinds = BASE_KINDS[:per_site[s]] + [AREA_KINDS[i % len(AREA_KINDS)] for i in range(max(0, per_site[s] - len(BASE_KINDS)))]
        seen = {}
        for kind in kinds:
            seen[kind] = seen.get(kind, 0) + 1
            zid = f"{sid}-{kind}" + (f"-a{seen[kind]}" if seen[kind] > 1 else "")
            purdue, weight, _, base = KINDS[kind]
            slt = [int(x) for x in base.split()]
            if kind in ("control", "safety", "dmz") and rnd.random() < 0.3:  # some areas rated one higher on RA / SI
                fr = rnd.choice([3, 7])
                slt[fr - 1] = min(4, slt[fr - 1] + 1)
            zones.append(dict(id=zid, site=sid, kind=kind, purdue=purdue, slt=slt, weight=weight * rnd.uniform(0.6, 1.4), assets=0, nets=[], sidx=s))

    # assets per zone, proportional to weight, at least one each
    total_w = sum(z["weight"] for z in zones)
    remaining = a.assets - len(zones)
    for z in zones:
        z["assets"] = 1 + int(remaining * z["weight"] / total_w)
    short = a.assets - sum(z["assets"] for z in zones)
    for i in range(short):
        zones[i % len(zones)]["assets"] += 1

    # networks: consecutive /24 blocks 10.x.y.0/24, 250 hosts each
    block = 0
    for z in zones:
        for _ in range(math.ceil(z["assets"] / 250)):
            if block >= 65536:
                sys.exit("generate-estate: more than 65536 /24 networks needed; fewer assets per zone or more zones")
            z["nets"].append((block >> 8, block & 255))
            block += 1
    by_site = {}
    for z in zones:
        by_site.setdefault(z["site"], []).append(z)

    # ---- conduits ----------------------------------------------------------------------------------------------------
    def pair_kinds(x, y):
        return (x["kind"], y["kind"]) if (x["kind"], y["kind"]) in CH else (y["kind"], x["kind"]) if (y["kind"], x["kind"]) in CH else None

    conduits = []  # dict(id, site, from, to, channels, slt, remote, approval)
    candidates = {}
    for sid, zs in by_site.items():
        pairs = []
        for i, x in enumerate(zs):
            for y in zs[i + 1:]:
                pk = pair_kinds(x, y)
                if pk:
                    up, down = (x, y) if pk == (x["kind"], y["kind"]) else (y, x)
                    pairs.append((up, down, CH[pk]))
        # neighbouring-level pairs first (the backbone), area-to-area pairs after
        pairs.sort(key=lambda p: (p[0]["kind"] == p[1]["kind"], abs(p[0]["purdue"] - p[1]["purdue"])))
        candidates[sid] = pairs
    per_site_c = [a.conduits // a.sites + (1 if i < a.conduits % a.sites else 0) for i in range(a.sites)]
    for s, (sid, _, _, _) in enumerate(sites):
        ra = next((z for z in by_site[sid] if z["kind"] == "remote-access"), None) or next((z for z in by_site[sid] if z["kind"] == "dmz"), None)
        n = per_site_c[s]
        if ra is not None:
            remote_ok = budget["remote-access-unapproved"] <= injected["remote-access-unapproved"] or s % 7 != 3
            if not remote_ok:
                injected["remote-access-unapproved"] += 1
            conduits.append(dict(id=f"{sid}-vendor-vpn", site=sid, frm="external:vendor-vpn", to=ra["id"], channels=[("https", 443, "from-to"), ("ipsec-nat-t", 4500, "from-to")],
                                 slt=list(ra["slt"]), remote=True, approval=remote_ok, name="Vendor VPN"))
            n -= 1
        pairs = candidates[sid]
        for k in range(max(0, n)):
            if not pairs:
                break
            up, down, chans = pairs[k % len(pairs)]
            rnd_round = k // len(pairs)
            slt = [max(p, q_) for p, q_ in zip(up["slt"], down["slt"])]
            below = False
            if injected["conduit-slt-below-zone"] < budget["conduit-slt-below-zone"] and up["kind"] == "scada" and down["kind"] == "safety":
                slt = list(up["slt"])
                below = slt != down["slt"]
                if below:
                    injected["conduit-slt-below-zone"] += 1
            chosen = chans if rnd_round == 0 else [chans[rnd_round % len(chans)]]
            remote = up["kind"] in ("enterprise", "remote-access") and down["kind"] in ("remote-access", "operations")
            conduits.append(dict(id=f"{sid}-c{len(conduits):05d}-{up['kind']}-{down['kind']}", site=sid, frm=up["id"], to=down["id"], channels=chosen, slt=slt,
                                 remote=remote, approval=remote, name=f"{up['kind']} to {down['kind']}" + (f" ({chosen[0][0]})" if rnd_round else ""), below=below))

    # ---- assets ------------------------------------------------------------------------------------------------------
    assets_out = []
    asset_ids_by_zone = {}
    mac_counter = 0
    legacy_total = 0
    slc_total = 0
    host_pool = WIN_HOSTS
    for z in zones:
        purdue, _, groups, _ = KINDS[z["kind"]]
        site = sites[z["sidx"]]
        preferred = site[3]
        ids = []
        weights = [w for _, w in groups]
        for i in range(z["assets"]):
            group = rnd.choices(groups, weights)[0][0]
            if group is HOSTS:
                prod = rnd.choices(host_pool, [40, 25, 20, 10, 5])[0]
                typ = HOST_ROLE.get(z["kind"]) or rnd.choice(["hmi", "hmi", "engineering-workstation"])
            else:
                pw = [3 if p[0] in preferred else 1 for p in group]
                prod = rnd.choices(group, pw)[0]
                typ = prod[2] or {"enterprise": "server", "remote-access": "jump-host"}.get(z["kind"], "other")
            vendor, model, _, ct, fws, eos, legacy, slc = prod
            fw = fws[rnd.randrange(len(fws))]
            vshown = vendor
            if vendor in VENDOR_ALIASES and rnd.random() < 0.1:
                vshown = rnd.choice(VENDOR_ALIASES[vendor])
            aid = f"{z['id']}-{ABBR[typ]}-{i + 1:04d}"
            ids.append(aid)
            net = z["nets"][i // 250]
            ip = f"10.{net[0]}.{net[1]}.{2 + i % 250}"
            lines = [f"  - id: {aid}", f"    name: {ABBR[typ].upper()}-{i + 1:04d}", f"    type: {typ}"]
            if ct:
                lines.append(f"    componentType: {ct}")
            lines += [f"    vendor: {q(vshown)}", f"    model: {q(model)}", f'    firmware: "{fw}"']
            wireless_dev = z["kind"] == "wireless"
            if not (wireless_dev and typ == "sensor"):
                lines.append(f"    ip: [{ip}]")
                if vendor in OUI and rnd.random() < 0.75:  # inventories often lack some MACs
                    mac_counter += 1
                    oui = OUI[vendor][mac_counter % len(OUI[vendor])]
                    lines.append(f'    mac: ["{oui}:{(mac_counter >> 16) & 255:02x}:{(mac_counter >> 8) & 255:02x}:{mac_counter & 255:02x}"]')
            lines.append(f"    zone: {z['id']}")
            if slc is not None:
                vec = [int(x) for x in slc.split()]
                if all(c >= t for c, t in zip(vec, z["slt"])):
                    lines.append(f'    slc: "{slc}"')
                    slc_total += 1
                elif injected["component-slc-below-slt"] < budget["component-slc-below-slt"]:
                    lines.append(f'    slc: "{slc}"')
                    slc_total += 1
                    injected["component-slc-below-slt"] += 1
            if legacy:
                lines += ["    legacy: true", "    patchable: false"]
                legacy_total += 1
            if eos:
                lines.append(f"    endOfSupport: {eos}")
            if z["kind"] == "temporary":
                lines.append("    temporary: true")
            if wireless_dev:
                lines.append("    wireless: true")
            lines.append(f"    supplier: {SUPPLIER_ID.get(vendor, 'other-suppliers')}")
            if legacy or (eos and eos < SUPPORT_HORIZON):
                if legacy and injected["legacy-without-compensation"] < budget["legacy-without-compensation"] and rnd.random() < 0.01:
                    injected["legacy-without-compensation"] += 1
                else:
                    lines += ["    compensation:",
                              "      countermeasure: Allow-listed at the zone firewall, watched by the OT IDS",
                              "      rationale: No vendor fixes; replaced at the next outage"]
            assets_out.append("\n".join(lines))
        asset_ids_by_zone[z["id"]] = ids

    # ---- flows -------------------------------------------------------------------------------------------------------
    flows_out = []
    inner = [c for c in conduits if not c["frm"].startswith("external:")]
    zone_by_id = {z["id"]: z for z in zones}
    for k in range(flows_total):
        if k % 3 == 0 or not inner:  # intra-zone traffic
            z = zones[rnd.randrange(len(zones))]
            ids = asset_ids_by_zone[z["id"]]
            if len(ids) < 2:
                continue
            x, y = rnd.sample(ids, 2)
            proto, port = {"field": ("profinet", 34964), "control": ("enip", 44818), "scada": ("opc-ua", 4840)}.get(z["kind"], ("https", 443))
        else:
            c = inner[rnd.randrange(len(inner))]
            proto, port, direction = c["channels"][rnd.randrange(len(c["channels"]))]
            src, dst = (c["frm"], c["to"]) if direction != "to-from" else (c["to"], c["frm"])
            x, y = rnd.choice(asset_ids_by_zone[src]), rnd.choice(asset_ids_by_zone[dst])
        flows_out.append(f"  - {{ from: {x}, to: {y}, protocol: {proto}, port: {port} }}")
    for s in range(min(budget["flow-without-conduit"], len(sites))):  # operations straight to a control zone
        zs = by_site[sites[s][0]]
        ops = next((z for z in zs if z["kind"] == "operations"), None)
        ctl = next((z for z in zs if z["kind"] == "control"), None)
        if ops and ctl and not any({c["frm"], c["to"]} == {ops["id"], ctl["id"]} for c in conduits):
            flows_out.append(f"  - {{ from: {asset_ids_by_zone[ops['id']][0]}, to: {asset_ids_by_zone[ctl['id']][0]}, protocol: modbus-tcp, port: 502 }}")
            injected["flow-without-conduit"] += 1

    # ---- results -----------------------------------------------------------------------------------------------------
    results_out = []
    assessed = [z for z in zones if z["kind"] in ("scada", "control", "safety", "operations", "dmz")]
    rnd.shuffle(assessed)
    assessed = sorted(assessed[:int(len(zones) * a.results_share)], key=lambda z: z["id"])
    for z in assessed:
        doc = f"OT-{z['site'].upper()}-{rnd.randrange(100, 999)}"
        for rid, fr, low in REQUIREMENTS:
            if low > z["slt"][fr - 1]:
                continue
            r = rnd.random()
            if r < 0.88:
                results_out.append(f'  - {{ scope: "zone:{z["id"]}", requirement: {rid}, status: met, evidence: "{EVIDENCE[min(low, 3)].format(doc=doc, year=2025)}" }}')
            elif r < 0.94:
                results_out.append(f'  - {{ scope: "zone:{z["id"]}", requirement: {rid}, status: compensated, countermeasure: "Zone firewall allow-listing and OT IDS monitoring", rationale: "Component cannot meet the requirement itself" }}')
            elif r < 0.97:
                results_out.append(f'  - {{ scope: "zone:{z["id"]}", requirement: {rid}, status: not-met, rationale: "Open action in the {doc} plan" }}')
            else:
                results_out.append(f'  - {{ scope: "zone:{z["id"]}", requirement: {rid}, status: not-applicable, rationale: "Function not present in this zone" }}')

    # ---- write -------------------------------------------------------------------------------------------------------
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    with open(a.output, "w", encoding="utf-8", newline="\n") as f:
        w = f.write
        w("# yaml-language-server: $schema=../../schemas/workspace.schema.json\n")
        w(f"# Synthetic estate from bench/generate-estate.py --sites {a.sites} --zones {a.zones} --conduits {a.conduits} --assets {a.assets} --seed {a.seed}\n")
        w(f"# Injected findings: {', '.join(f'{k} {v}' for k, v in injected.items())}; zones without results have SL-A 0 (sla-below-slt).\n")
        w("castellan: 1\norganisation: Example Industrial Group\nsites:\n")
        for sid, name, industry, _ in sites:
            w(f"  - id: {sid}\n    name: {q(name)}\n    description: {q(industry + ', synthetic')}\n    systems:\n      - {{ id: {sid}-ics, name: Control system, perimeter: Everything behind the site IT/OT firewall }}\n")
        w("zones:\n")
        for z in zones:
            slt = " ".join(map(str, z["slt"]))
            purdue = "3.5" if z["purdue"] == 3.5 else str(z["purdue"])
            w(f"  - id: {z['id']}\n    site: {z['site']}\n    name: {q(KIND_NAMES[z['kind']] + (' area ' + z['id'].rsplit('-a', 1)[1] if '-a' in z['id'][5:] else ''))}\n    purdue: {purdue}\n")
            if z["kind"] == "safety":
                w("    safety: true\n")
            w(f"    criticality: {'critical' if z['kind'] in ('safety', 'control') else 'high' if z['purdue'] < 4 else 'medium'}\n")
            if z["kind"] != "enterprise":
                w(f"    system: {z['site']}-ics\n")
            w(f"    networks: [{', '.join(f'10.{n[0]}.{n[1]}.0/24' for n in z['nets'])}]\n")
            w(f'    slt: "{slt}"\n    sltMethod: {SLT_METHODS[int(z["purdue"]) % 4]}\n    sltRationale: {q("Detailed risk assessment " + z["site"].upper() + "-RA-2025")}\n')
        w("conduits:\n")
        for c in conduits:
            w(f"  - id: {c['id']}\n    site: {c['site']}\n    name: {q(c['name'])}\n    from: {c['frm']}\n    to: {c['to']}\n    channels:\n")
            for proto, port, direction in c["channels"]:
                w(f"      - {{ protocol: {proto}, port: {port}, direction: {direction} }}\n")
            w(f'    slt: "{" ".join(map(str, c["slt"]))}"\n')
            if c["remote"]:
                w("    remoteAccess: true\n")
                if c["approval"]:
                    w(f"    approval: {{ by: OT security manager, date: 2026-03-02, reference: CHG-{c['site'][1:]}-01 }}\n")
        w("assets:\n")
        w("\n".join(assets_out))
        w("\nsuppliers:\n")
        for vendor, sid in sorted(SUPPLIER_ID.items(), key=lambda kv: kv[1]):
            w(f"  - id: {sid}\n    name: {q(vendor)}\n    roles: [product-supplier]\n")
            if vendor in CERTIFIED:
                w(f'    evidence:\n      - {{ kind: 4-1-ml, value: "{CERTIFIED[vendor]}", reference: "IEC 62443-4-1 certificate on file" }}\n')
        w("  - id: other-suppliers\n    name: Other suppliers\n    roles: [product-supplier]\n")
        w("  - id: integrator\n    name: Example Integration Services\n    roles: [integration-service-provider, maintenance-service-provider]\n"
          '    evidence:\n      - { kind: 2-4-ml, value: "2", reference: "IEC 62443-2-4 assessment 2025" }\n')
        flows_out = list(dict.fromkeys(flows_out))  # a flow drawn twice is one flow (the database keys flows by their endpoints)
        for section, items in (("flows", flows_out), ("results", results_out)):
            w(f"{section}:\n" + "\n".join(items) + "\n" if items else f"{section}: []\n")
        if a.risk:
            write_risk(w, zones, rnd)
    size = os.path.getsize(a.output)
    elapsed = time.perf_counter() - started
    print(f"generate-estate: wrote {a.output}: {size:,} bytes ({size / 1048576:.1f} MiB) in {elapsed:.1f} s")
    if size > READER_LIMIT:
        print(f"  warning: larger than {READER_LIMIT >> 20} MiB, the most `castellan` reads from one workspace file", file=sys.stderr)
    print(f"  sites {len(sites)}, zones {len(zones)}, networks {block}, conduits {len(conduits)}, assets {len(assets_out)} "
          f"(legacy {legacy_total}, with SL-C {slc_total}), suppliers {len(SUPPLIER_ID) + 2}, flows {len(flows_out)}, results {len(results_out)} "
          f"in {len(assessed)} zones")
    print("  injected findings: " + ", ".join(f"{k} {v}" for k, v in injected.items()))


# --- risk register (--risk): the matrix of samples/water-treatment-plant.yaml, 5 scenarios and a derivation per zone ---
LIKELIHOOD = ["rare", "unlikely", "possible", "likely", "almost-certain"]
IMPACT = ["minor", "moderate", "serious", "major", "catastrophic"]
SCENARIOS = [
    ("Ransomware spreads from a neighbouring zone", "Ransomware affiliate", "Lateral movement over a conduit", ["T0866", "T0867"], "production"),
    ("Remote-access account compromised", "State-affiliated group", "Stolen integrator credentials", ["T0822", "T0859"], "availability"),
    ("Setpoint manipulated", "Insider with operator access", "Unauthenticated write to a controller", ["T0836", "T0831"], "health-safety"),
    ("Malware on removable media", "Commodity malware", "USB stick on an engineering workstation", ["T0847"], "integrity"),
    ("Denial of service on the control network", "Hacktivist", "Flood through an exposed service", ["T0814"], "environment"),
]
CONTROLS = ["A.8.22", "A.8.7", "A.5.21", "A.8.2", "A.7.10", "SR 5.1", "SR 3.2", "SR 1.13 RE 1", "SR 2.1", "SR 7.1"]


def write_risk(w, zones, rnd):
    w("risk:\n  matrix:\n")
    w(f"    likelihood: [{', '.join(LIKELIHOOD)}]\n    impact: [{', '.join(IMPACT)}]\n    bands: [low, moderate, significant, high, critical]\n    tolerable: moderate\n")
    w("    cells:\n      rare: [low, low, low, moderate, significant]\n      unlikely: [low, low, moderate, significant, high]\n"
      "      possible: [low, moderate, significant, high, critical]\n      likely: [moderate, significant, high, critical, critical]\n"
      "      almost-certain: [moderate, significant, high, critical, critical]\n")
    w("  assessments:\n")
    for z in zones:
        w(f"    - id: ra-{z['id']}\n")
        if z["kind"] != "enterprise":
            w(f"      system: {z['site']}-ics\n")
        w(f"      steps:\n        - {{ zcr: 5, by: OT security lead, date: 2025-04-08 }}\n        - {{ zcr: 7, by: Site manager, date: 2025-05-06 }}\n      scenarios:\n")
        for n, (title, source, vector, attack, category) in enumerate(SCENARIOS, 1):
            li, ii = rnd.randrange(1, 5), rnd.randrange(1, 5)
            rl, ri = rnd.randrange(0, li), rnd.randrange(0, ii)
            pha = f', pha: "HAZOP-{z["site"].upper()} node {n}"' if category == "health-safety" else ""
            controls = ", ".join(sorted(rnd.sample(CONTROLS, 3)))
            w(f"        - id: {z['id']}-r{n}\n          title: {title}\n          scope: zone:{z['id']}\n          threatSource: {source}\n          vector: {vector}\n"
              f"          attack: [{', '.join(attack)}]\n          vulnerabilities: [Legacy protocol without authentication]\n"
              f"          consequences:\n            - {{ category: {category}, impact: {IMPACT[ii]}{pha} }}\n            - {{ category: financial, impact: {IMPACT[ii - 1]} }}\n"
              f"          likelihood: {LIKELIHOOD[li]}\n          countermeasures: [Zone firewall allow-listing]\n"
              f"          residual: {{ likelihood: {LIKELIHOOD[rl]}, impact: {IMPACT[ri]} }}\n"
              f"          treatment: {{ decision: mitigate, controls: [{controls}], owner: OT engineering, due: 2026-06-30 }}\n")
    w("  derivations:\n")
    for i, z in enumerate(zones):
        method = ("risk-reduction", "threat-capability", "consequence")[i % 3]
        w(f"    - zone: {z['id']}\n      method: {method}\n")
        if method == "threat-capability":
            w("      actor: { means: sophisticated, resources: moderate, skills: iacs-specific, motivation: moderate }\n")
        w(f"      refine:\n        - {{ fr: DC, level: 1, reason: Process values are not confidential }}\n")
        w(f'      override: {{ slt: "{" ".join(map(str, z["slt"]))}", reason: "Recorded SL-T of the site assessment {z["site"].upper()}-RA-2025" }}\n')


_VENDORS = sorted({p[0] for group in (WIN_HOSTS, WIN_SERVERS, SCADA_SW, HISTORIANS, OPC, CONTROLLERS, COMMS_MODULES, RTU_IED, SAFETY, PANELS, FIELD,
                                      SWITCHES, FIREWALLS, ROUTERS, DIODES, WIRELESS, CAMERAS, LAPTOPS, OFFICE, PRINTERS, OT_SERVICES) for p in group})
SUPPLIER_ID = {v: "".join(ch if ch.isalnum() else "-" for ch in v.lower()).strip("-").replace("--", "-") for v in _VENDORS}
CERTIFIED = {"Siemens": "3", "Rockwell Automation": "3", "Schneider Electric": "3", "ABB": "3", "Honeywell": "3", "Emerson": "3", "Yokogawa": "3",
             "HIMA": "3", "Hirschmann": "3", "Moxa": "2", "Phoenix Contact": "3", "Cisco": "2", "Mitsubishi Electric": "2", "Omron": "2"}

if __name__ == "__main__":
    main()
