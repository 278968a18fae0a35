# -*- coding: utf-8 -*-
"""A function whose blocking call sits more than 300 lines below its `def`.

Line tables store deltas in small fields: 2.7 lnotab bytes are 0..255, 3.6-3.9 lnotab line deltas are -128..127,
the 3.10 linetable -127..127, and the 3.11+ location table switches to varint "long" entries for big jumps. The
comment blocks below put 130 and then 260 lines between consecutive statements, so every decoder must chain
several entries; the wide `spread` line puts more than 255 bytes of bytecode on one line for the address deltas.
Do not shorten the comment blocks: they are the test. (The file was generated once; edit it by hand if needed.)
"""
import time

#: Long enough to outlive any test run; the harness kills the process.
FOREVER = 10 ** 6


def park_after_long_body(registry):
    total = 0
    total += 1
    total += 2
    total += 3
    total += 4
    total += 5
    total += 6
    total += 7
    total += 8
    total += 9
    total += 10
    total += 11
    total += 12
    total += 13
    total += 14
    total += 15
    total += 16
    total += 17
    total += 18
    total += 19
    total += 20
    total += 21
    total += 22
    total += 23
    total += 24
    total += 25
    total += 26
    total += 27
    total += 28
    total += 29
    total += 30
    total += 31
    total += 32
    total += 33
    total += 34
    total += 35
    total += 36
    total += 37
    total += 38
    total += 39
    total += 40
    spread = [total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total, total]
    # gap one, line 1 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 2 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 3 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 4 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 5 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 6 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 7 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 8 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 9 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 10 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 11 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 12 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 13 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 14 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 15 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 16 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 17 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 18 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 19 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 20 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 21 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 22 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 23 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 24 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 25 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 26 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 27 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 28 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 29 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 30 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 31 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 32 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 33 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 34 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 35 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 36 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 37 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 38 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 39 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 40 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 41 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 42 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 43 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 44 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 45 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 46 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 47 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 48 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 49 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 50 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 51 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 52 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 53 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 54 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 55 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 56 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 57 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 58 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 59 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 60 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 61 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 62 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 63 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 64 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 65 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 66 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 67 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 68 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 69 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 70 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 71 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 72 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 73 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 74 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 75 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 76 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 77 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 78 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 79 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 80 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 81 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 82 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 83 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 84 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 85 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 86 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 87 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 88 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 89 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 90 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 91 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 92 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 93 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 94 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 95 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 96 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 97 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 98 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 99 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 100 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 101 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 102 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 103 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 104 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 105 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 106 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 107 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 108 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 109 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 110 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 111 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 112 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 113 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 114 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 115 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 116 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 117 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 118 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 119 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 120 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 121 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 122 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 123 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 124 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 125 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 126 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 127 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 128 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 129 of 130: the next statement is more than 127 lines below the previous one
    # gap one, line 130 of 130: the next statement is more than 127 lines below the previous one
    total += len(spread)
    # gap two, line 1 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 2 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 3 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 4 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 5 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 6 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 7 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 8 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 9 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 10 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 11 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 12 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 13 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 14 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 15 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 16 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 17 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 18 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 19 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 20 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 21 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 22 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 23 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 24 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 25 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 26 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 27 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 28 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 29 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 30 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 31 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 32 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 33 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 34 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 35 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 36 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 37 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 38 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 39 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 40 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 41 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 42 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 43 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 44 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 45 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 46 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 47 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 48 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 49 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 50 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 51 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 52 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 53 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 54 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 55 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 56 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 57 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 58 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 59 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 60 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 61 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 62 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 63 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 64 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 65 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 66 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 67 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 68 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 69 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 70 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 71 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 72 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 73 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 74 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 75 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 76 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 77 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 78 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 79 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 80 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 81 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 82 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 83 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 84 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 85 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 86 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 87 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 88 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 89 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 90 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 91 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 92 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 93 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 94 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 95 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 96 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 97 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 98 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 99 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 100 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 101 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 102 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 103 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 104 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 105 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 106 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 107 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 108 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 109 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 110 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 111 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 112 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 113 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 114 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 115 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 116 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 117 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 118 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 119 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 120 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 121 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 122 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 123 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 124 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 125 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 126 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 127 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 128 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 129 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 130 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 131 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 132 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 133 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 134 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 135 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 136 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 137 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 138 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 139 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 140 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 141 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 142 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 143 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 144 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 145 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 146 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 147 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 148 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 149 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 150 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 151 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 152 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 153 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 154 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 155 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 156 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 157 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 158 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 159 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 160 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 161 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 162 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 163 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 164 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 165 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 166 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 167 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 168 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 169 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 170 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 171 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 172 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 173 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 174 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 175 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 176 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 177 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 178 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 179 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 180 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 181 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 182 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 183 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 184 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 185 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 186 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 187 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 188 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 189 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 190 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 191 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 192 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 193 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 194 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 195 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 196 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 197 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 198 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 199 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 200 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 201 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 202 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 203 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 204 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 205 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 206 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 207 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 208 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 209 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 210 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 211 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 212 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 213 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 214 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 215 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 216 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 217 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 218 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 219 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 220 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 221 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 222 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 223 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 224 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 225 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 226 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 227 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 228 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 229 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 230 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 231 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 232 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 233 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 234 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 235 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 236 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 237 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 238 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 239 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 240 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 241 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 242 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 243 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 244 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 245 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 246 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 247 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 248 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 249 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 250 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 251 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 252 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 253 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 254 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 255 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 256 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 257 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 258 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 259 of 260: the next statement is more than 255 lines below the previous one
    # gap two, line 260 of 260: the next statement is more than 255 lines below the previous one
    total += 1
    registry.arrive()
    time.sleep(FOREVER + 0 * total)  # PARK
